namespace FiftyOneBrain.Brain;

/// <summary>
/// Uniqueness (FiftyOne's definition, with its k and weights made tunable): embeddings are centred; for each sample
/// take its K nearest other samples (exact search) at distances d1 &lt;= ... &lt;= dK, u = (w1 d1 + ... + wK dK)/K,
/// then divide every u by the largest. FiftyOne's values are the defaults: K = 3, weights 0.6, 0.3, 0.1.
/// With K samples or fewer every sample is 1. When every u is 0 (all samples identical, euclidean) all stay 0;
/// identical samples under cosine are all zero vectors once centred, at distance 1 from each other, so all score 1.
/// </summary>
public static class Uniqueness
{
    public const int Neighbors = 3;
    public static IReadOnlyList<double> DefaultWeights { get; } = new[] { 0.6, 0.3, 0.1 };

    /// <summary>Uniqueness with K = <paramref name="weights"/>.Count (default FiftyOne's three weights).</summary>
    public static double[] Compute(float[] embeddings, int count, int dimension, DistanceMetric metric = DistanceMetric.Cosine,
        KnnOptions? options = null, IReadOnlyList<double>? weights = null)
    {
        weights ??= DefaultWeights;
        CheckWeights(weights);
        if (count < 0 || (long)count * dimension != embeddings.Length)
            throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        CheckFinite(embeddings, dimension);
        if (count <= weights.Count) return Enumerable.Repeat(1.0, count).ToArray();
        return FromNeighbors(ExactKnn.Search(embeddings, count, dimension, weights.Count, metric, options), weights);
    }

    /// <summary>K equal weights: u is the mean distance to the K nearest (before normalising); K = 3 gives FiftyOne's weights instead.</summary>
    public static IReadOnlyList<double> WeightsFor(int k) =>
        k == Neighbors ? DefaultWeights : Enumerable.Repeat(1.0, k).ToArray();

    /// <summary>The weighted mean of the K nearest distances, normalised by its maximum.</summary>
    public static double[] FromNeighbors(KnnResult neighbors, IReadOnlyList<double>? weights = null)
    {
        weights ??= DefaultWeights;
        if (neighbors.K != weights.Count)
            throw new ArgumentException($"Uniqueness with {weights.Count} weights uses the {weights.Count} nearest neighbours, not {neighbors.K}.", nameof(neighbors));
        var k = weights.Count;
        var u = new double[neighbors.Count];
        for (var i = 0; i < u.Length; i++)
        {
            var d = neighbors.DistancesOf(i);
            var sum = 0.0;
            for (var j = 0; j < k; j++) sum += weights[j] * d[j];
            u[i] = sum / k;
        }
        var max = u.Length == 0 ? 0 : u.Max();
        if (max > 0) for (var i = 0; i < u.Length; i++) u[i] /= max;
        return u;
    }

    /// <summary>At least one weight, all finite and non-negative, not all zero (else every u would be 0).</summary>
    public static void CheckWeights(IReadOnlyList<double> weights)
    {
        if (weights.Count == 0) throw new ArgumentException("Uniqueness needs at least one weight (one per neighbour).", nameof(weights));
        if (weights.Any(w => !double.IsFinite(w) || w < 0))
            throw new ArgumentException($"Weights must be finite and non-negative; got {string.Join(", ", weights)}.", nameof(weights));
        if (weights.All(w => w == 0)) throw new ArgumentException("At least one weight must be above 0.", nameof(weights));
    }

    private static void CheckFinite(float[] embeddings, int dimension)
    {
        for (long i = 0; i < embeddings.Length; i++)
            if (!float.IsFinite(embeddings[i]))
                throw new ArgumentException($"Embedding {i / dimension} has a value that is {embeddings[i]} (dimension {i % dimension}); embeddings must be finite.");
    }
}

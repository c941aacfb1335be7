namespace FiftyOneBrain.Brain;

/// <summary>
/// Uniqueness (FiftyOne's definition): embeddings are centred; for each sample take its 3 nearest other samples
/// (exact search) at distances d1 &lt;= d2 &lt;= d3, u = (0.6 d1 + 0.3 d2 + 0.1 d3)/3, then divide every u by the
/// largest. With 3 samples or fewer every sample is 1. When every u is 0 (all samples identical, euclidean) all stay 0;
/// identical samples under cosine are all zero vectors once centred, at distance 1 from each other, so all score 1.
/// </summary>
public static class Uniqueness
{
    public const int Neighbors = 3;
    private static readonly double[] Weights = { 0.6, 0.3, 0.1 };

    public static double[] Compute(float[] embeddings, int count, int dimension, DistanceMetric metric = DistanceMetric.Cosine, KnnOptions? options = null)
    {
        if (count < 0 || (long)count * dimension != embeddings.Length)
            throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        CheckFinite(embeddings, dimension);
        if (count <= Neighbors) return Enumerable.Repeat(1.0, count).ToArray();
        return FromNeighbors(ExactKnn.Search(embeddings, count, dimension, Neighbors, metric, options));
    }

    /// <summary>The weighted mean of the 3 nearest distances, normalised by its maximum.</summary>
    public static double[] FromNeighbors(KnnResult neighbors)
    {
        if (neighbors.K != Neighbors) throw new ArgumentException($"Uniqueness uses the {Neighbors} nearest neighbours.", nameof(neighbors));
        var u = new double[neighbors.Count];
        for (var i = 0; i < u.Length; i++)
        {
            var d = neighbors.DistancesOf(i);
            u[i] = (Weights[0] * d[0] + Weights[1] * d[1] + Weights[2] * d[2]) / Neighbors;
        }
        var max = u.Max();
        if (max > 0) for (var i = 0; i < u.Length; i++) u[i] /= max;
        return u;
    }

    private static void CheckFinite(float[] embeddings, int dimension)
    {
        for (long i = 0; i < embeddings.Length; i++)
            if (!float.IsFinite(embeddings[i]))
                throw new ArgumentException($"Embedding {i / dimension} has a value that is {embeddings[i]} (dimension {i % dimension}); embeddings must be finite.");
    }
}

namespace FiftyOneBrain.Brain;

/// <summary>
/// Representativeness as FiftyOne documents it: high for samples near the centre of their cluster. k-means
/// (<see cref="KMeans"/>) with k = min(clusters, N) on the embeddings; d = euclidean distance from a sample to
/// its own cluster's centre; representativeness = 1 − d / (largest d in that cluster), which is exactly
/// 1 − what fiftyone-brain 0.24's code returns (d / max d, an outlier score; fiftyone#8351) for the same
/// clustering. A cluster whose points all sit on its centre (one point, or identical points) scores 1.
/// The downweight variant then applies FiftyOne's redundancy pass (<see cref="Downweight"/>).
/// </summary>
public static class Representativeness
{
    public const int DefaultClusters = 20;
    public const int DefaultSeed = 1234; // FiftyOne's random_state
    public const double DefaultRadius = 0.5;
    public const double DefaultFactor = 0.7;

    public sealed record Options
    {
        public int Clusters { get; init; } = DefaultClusters;
        public int Seed { get; init; } = DefaultSeed;
        public int Initializations { get; init; } = KMeans.DefaultInitializations;
        public bool Downweight { get; init; }
        public double Radius { get; init; } = DefaultRadius;
        public double Factor { get; init; } = DefaultFactor;
        public CancellationToken Cancellation { get; init; }
    }

    public static double[] Compute(float[] embeddings, int count, int dimension, Options options) => Run(embeddings, count, dimension, options).Scores;

    /// <summary>The scores with the clustering they came from (null for no samples).</summary>
    public static (double[] Scores, KMeans.Result? Clustering) Run(float[] embeddings, int count, int dimension, Options options)
    {
        if (count == 0) return (Array.Empty<double>(), null);
        if ((long)count * dimension != embeddings.Length) throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        var points = new double[embeddings.Length];
        for (long i = 0; i < embeddings.Length; i++)
        {
            if (!float.IsFinite(embeddings[i]))
                throw new BrainInputException("NonFiniteEmbedding", $"Embedding {i / dimension} has a value that is {embeddings[i]} (dimension {i % dimension}); embeddings must be finite.");
            points[i] = embeddings[i];
        }
        var clustering = KMeans.Fit(points, count, dimension, Math.Min(options.Clusters, count), options.Seed, options.Initializations, options.Cancellation);
        var scores = FromClustering(points, dimension, clustering);
        return (options.Downweight ? Downweight(points, dimension, scores, options.Radius, options.Factor) : scores, clustering);
    }

    /// <summary>1 − d / max d within each cluster, d the euclidean distance to the cluster's centre.</summary>
    public static double[] FromClustering(double[] points, int dimension, KMeans.Result clustering)
    {
        var n = clustering.Labels.Length;
        var d = new double[n];
        var max = new double[clustering.K];
        for (var i = 0; i < n; i++)
        {
            var c = clustering.Labels[i];
            d[i] = Math.Sqrt(KMeans.SquaredDistance(points, i, clustering.Centers, c, dimension));
            max[c] = Math.Max(max[c], d[i]);
        }
        var scores = new double[n];
        for (var i = 0; i < n; i++) scores[i] = max[clustering.Labels[i]] > 0 ? 1 - d[i] / max[clustering.Labels[i]] : 1;
        return scores;
    }

    /// <summary>
    /// FiftyOne's redundancy pass: visit samples from the highest score down (ties in input order); each
    /// not-yet-visited sample within euclidean <paramref name="radius"/> of the visited one is multiplied by
    /// <paramref name="factor"/> and counts as visited (so it is lowered once at most, yet still takes its own
    /// turn). Finally every score is divided by the largest.
    /// </summary>
    public static double[] Downweight(double[] points, int dimension, double[] scores, double radius, double factor)
    {
        var n = scores.Length;
        var result = (double[])scores.Clone();
        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var visited = new bool[n];
        var r2 = radius * radius;
        foreach (var i in order)
        {
            visited[i] = true;
            for (var j = 0; j < n; j++)
            {
                if (visited[j] || KMeans.SquaredDistance(points, i, points, j, dimension) > r2) continue;
                visited[j] = true;
                result[j] *= factor;
            }
        }
        var max = result.Max();
        if (max > 0) for (var i = 0; i < n; i++) result[i] /= max;
        return result;
    }
}

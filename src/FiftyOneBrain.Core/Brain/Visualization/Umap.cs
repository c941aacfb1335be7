namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// UMAP (McInnes, Healy and Melville, 2018) as umap-learn 0.5.3 computes it with the euclidean metric: the exact
/// k nearest neighbours (the sample itself counted, as umap-learn's n_neighbors), the fuzzy simplicial set,
/// edges weaker than max / epochs dropped, a spectral initialisation scaled to [0, 10] per axis with noise of
/// 1e-4, then the SGD layout with negative sampling. Everything random follows from the seed: the same seed and
/// input give the same points on any machine with the same .NET floating point.
/// </summary>
public static class Umap
{
    public static UmapResult Compute(float[] embeddings, int count, int dimension, UmapOptions? options = null)
    {
        options ??= new UmapOptions();
        if ((long)count * dimension != embeddings.Length) throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        if (options.Dimensions < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Dimensions, "At least one output dimension.");
        if (options.Neighbors < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Neighbors, "UMAP needs at least 2 neighbours (the sample and one other).");
        var dim = options.Dimensions;
        if (count <= 1) return new UmapResult(new double[(long)count * dim], dim, 0, 0, 0, 0, 0, true);
        var k = Math.Min(options.Neighbors, count); // the sample itself and k - 1 others
        var random = new Random(options.Seed);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var knn = ExactKnn.Search(embeddings, count, dimension, k - 1, DistanceMetric.Euclidean, new KnnOptions
        {
            Cancellation = options.Cancellation,
            Progress = (done, total) => options.Progress?.Invoke("neighbours", done, total),
        });
        var neighboursTime = watch.Elapsed;
        var (indices, distances) = WithSelf(knn, count, k);
        var (sigmas, rhos) = SmoothKnnDistance.Compute(distances, count, k);
        var graph = FuzzySimplicialSet.Build(indices, distances, count, k, sigmas, rhos);
        options.Progress?.Invoke("graph", 1, 1);

        var epochs = options.Epochs ?? (count <= 10000 ? 500 : 200);
        graph = Prune(graph, epochs > 10 ? epochs : (count <= 10000 ? 500 : 200));
        var (a, b) = CurveParameters.Fit(options.MinDistance, options.Spread);

        options.Cancellation.ThrowIfCancellationRequested();
        var graphTime = watch.Elapsed;
        var (init, converged) = SpectralLayout.Compute(graph, dim, embeddings, dimension, random, options.Cancellation);
        var layout = InitialLayout(init, count, dim, random);
        options.Progress?.Invoke("initialisation", 1, 1);

        var initialisationTime = watch.Elapsed;
        var tau = TauRandom.FromSeed(random);
        if (epochs > 0) UmapLayoutOptimizer.Optimize(layout, dim, graph, a, b, epochs, options, ref tau);
        var stages = new UmapStageTimes(neighboursTime, graphTime - neighboursTime, initialisationTime - graphTime, watch.Elapsed - initialisationTime);
        return new UmapResult(layout.Select(v => (double)v).ToArray(), dim, k, graph.Edges, epochs, a, b, converged) { Stages = stages };
    }

    /// <summary>umap-learn's kNN rows start with the sample itself at distance 0; the exact search leaves it out.</summary>
    private static (int[] Indices, double[] Distances) WithSelf(KnnResult knn, int count, int k)
    {
        var indices = new int[(long)count * k];
        var distances = new double[(long)count * k];
        for (var i = 0; i < count; i++)
        {
            indices[(long)i * k] = i;
            var others = knn.IndicesOf(i);
            var d = knn.DistancesOf(i);
            for (var m = 1; m < k; m++)
            {
                indices[(long)i * k + m] = others[m - 1];
                distances[(long)i * k + m] = d[m - 1];
            }
        }
        return (indices, distances);
    }

    private static FuzzyGraph Prune(FuzzyGraph graph, int epochs)
    {
        if (graph.Edges == 0) return graph;
        var threshold = graph.Weights.Max() / epochs;
        var keep = Enumerable.Range(0, graph.Edges).Where(e => graph.Weights[e] >= threshold).ToArray();
        return new FuzzyGraph(graph.Count, keep.Select(e => graph.Rows[e]).ToArray(), keep.Select(e => graph.Columns[e]).ToArray(), keep.Select(e => graph.Weights[e]).ToArray());
    }

    /// <summary>Scaled so the largest coordinate is 10, float32 noise of sd 1e-4 added, then each axis mapped onto [0, 10].</summary>
    private static float[] InitialLayout(double[] init, int n, int dim, Random random)
    {
        var largest = init.Length == 0 ? 0 : init.Max(Math.Abs);
        var expansion = largest > 0 ? 10.0 / largest : 1.0;
        var layout = new float[init.Length];
        for (var t = 0; t < init.Length; t++) layout[t] = (float)(init[t] * expansion) + (float)(1e-4 * Gaussian(random));
        for (var c = 0; c < dim; c++)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                min = Math.Min(min, layout[i * dim + c]);
                max = Math.Max(max, layout[i * dim + c]);
            }
            var span = max - min;
            for (var i = 0; i < n; i++) layout[i * dim + c] = span > 0 ? 10f * (layout[i * dim + c] - min) / span : 0f;
        }
        return layout;
    }

    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}

/// <summary>UMAP points (row-major N x Dimensions) and what was used to get them, for -Verbose.</summary>
public sealed record UmapResult(double[] Points, int Dimensions, int Neighbors, int Edges, int Epochs, double A, double B, bool SpectralConverged)
{
    public UmapStageTimes Stages { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}

/// <summary>Wall time of each stage: exact kNN, fuzzy graph and a/b fit, spectral initialisation, SGD epochs.</summary>
public sealed record UmapStageTimes(TimeSpan Neighbours, TimeSpan Graph, TimeSpan Initialisation, TimeSpan Layout)
{
    public override string ToString() =>
        $"neighbours {Neighbours.TotalSeconds:F2} s, graph {Graph.TotalSeconds:F2} s, initialisation {Initialisation.TotalSeconds:F2} s, layout {Layout.TotalSeconds:F2} s";
}

using FiftyOneBrain.Brain.Visualization;

namespace FiftyOneBrain.Tests.Brain.Visualization;

public sealed class UmapTests
{
    /// <summary>Gaussian blobs in 20 dimensions, centres 10 apart, sd 1.</summary>
    private static (float[] Data, int[] Labels) Blobs(int perCluster, int clusters, int dimension, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextDouble() * 20).ToArray()).ToArray();
        var data = new float[perCluster * clusters * dimension];
        var labels = new int[perCluster * clusters];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i % clusters;
            for (var t = 0; t < dimension; t++)
            {
                var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                data[i * dimension + t] = (float)(centres[labels[i]][t] + g);
            }
        }
        return (data, labels);
    }

    [Fact]
    public void Separates_clustered_data_and_keeps_neighbourhoods()
    {
        var (data, labels) = Blobs(80, 4, 20, 1);
        var n = labels.Length;
        var result = Umap.Compute(data, n, 20, new UmapOptions { Seed = 42 });
        Assert.Equal(n * 2, result.Points.Length);
        Assert.All(result.Points, v => Assert.True(double.IsFinite(v)));
        var trust = Trustworthiness.Compute(data, 20, result.Points, 2, n, 15);
        Assert.True(trust > 0.9, $"trustworthiness {trust}");
        // Each point's nearest other point on the map is from its own cluster.
        var agree = 0;
        for (var i = 0; i < n; i++)
        {
            var best = -1;
            var bestDistance = double.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                var dx = result.Points[i * 2] - result.Points[j * 2];
                var dy = result.Points[i * 2 + 1] - result.Points[j * 2 + 1];
                if (dx * dx + dy * dy < bestDistance) (best, bestDistance) = (j, dx * dx + dy * dy);
            }
            if (labels[best] == labels[i]) agree++;
        }
        Assert.True(agree >= n * 0.99, $"{agree} of {n} nearest map neighbours in the same cluster");
        Assert.Equal(500, result.Epochs);
        Assert.Equal(15, result.Neighbors);
    }

    [Fact]
    public void Same_seed_gives_the_same_points_and_another_seed_other_points()
    {
        var (data, labels) = Blobs(40, 3, 8, 2);
        var options = new UmapOptions { Seed = 7, Epochs = 60 };
        var first = Umap.Compute(data, labels.Length, 8, options).Points;
        var second = Umap.Compute(data, labels.Length, 8, options).Points;
        var other = Umap.Compute(data, labels.Length, 8, options with { Seed = 8 }).Points;
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Three_dimensions_and_tiny_inputs()
    {
        var (data, labels) = Blobs(20, 2, 5, 3);
        Assert.Equal(labels.Length * 3, Umap.Compute(data, labels.Length, 5, new UmapOptions { Dimensions = 3, Epochs = 20 }).Points.Length);
        Assert.Equal(new double[2], Umap.Compute(new float[] { 1, 2 }, 1, 2).Points);
        var two = Umap.Compute(new float[] { 0, 0, 1, 1 }, 2, 2, new UmapOptions { Epochs = 20 });
        Assert.All(two.Points, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Disconnected_components_are_laid_out_apart()
    {
        // Two far blobs with 5 neighbours: the kNN graph has two components, each laid out at its own meta position.
        var (data, labels) = Blobs(30, 2, 4, 4);
        for (var i = 0; i < labels.Length; i++) if (labels[i] == 1) for (var t = 0; t < 4; t++) data[i * 4 + t] += 1000;
        var points = Umap.Compute(data, labels.Length, 4, new UmapOptions { Neighbors = 5, Seed = 1 }).Points;
        double Mean(int label, int axis) => Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).Average(i => points[i * 2 + axis]);
        var gap = Math.Sqrt(Math.Pow(Mean(0, 0) - Mean(1, 0), 2) + Math.Pow(Mean(0, 1) - Mean(1, 1), 2));
        Assert.True(gap > 2, $"cluster centres {gap} apart");
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        var (data, labels) = Blobs(20, 2, 5, 5);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Umap.Compute(data, labels.Length, 5, new UmapOptions { Cancellation = source.Token }));
    }
}

using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class RadiusPairsTests
{
    private static float[] RandomData(int n, int d, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n * d).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>Every pair in double on centred data, the definition the blocked scan must reproduce.</summary>
    private static List<NeighborPair> Naive(float[] x, int n, int d, double threshold, DistanceMetric metric)
    {
        var mean = ExactKnn.Mean(x, n, d);
        double[] Centred(int i) => Enumerable.Range(0, d).Select(t => x[i * d + t] - mean[t]).ToArray();
        double Norm(double[] v) => Math.Sqrt(v.Sum(a => a * a));
        var pairs = new List<NeighborPair>();
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
        {
            var (a, b) = (Centred(i), Centred(j));
            var dist = ExactKnn.Distance(a, Norm(a), b, Norm(b), metric);
            if (dist <= threshold) pairs.Add(new NeighborPair(i, j, dist));
        }
        return pairs;
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine, 0.5)]
    [InlineData(DistanceMetric.Euclidean, 1.2)]
    public void Finds_exactly_the_pairs_within_the_threshold_over_several_partial_tiles(DistanceMetric metric, double threshold)
    {
        const int n = 203, d = 6;
        var x = RandomData(n, d, 7);
        var expected = Naive(x, n, d, threshold, metric);
        var found = RadiusPairs.Find(x, n, d, threshold, metric, new KnnOptions { BlockSize = 32 });
        Assert.InRange(expected.Count, 50, 5000);
        Assert.Equal(expected, found);
    }

    [Fact]
    public void A_pair_exactly_at_the_threshold_is_in_and_the_decision_is_made_in_double()
    {
        const int n = 60, d = 4;
        var x = RandomData(n, d, 3);
        var all = Naive(x, n, d, 2.0, DistanceMetric.Cosine).OrderBy(p => p.Distance).ToList();
        var at = all[40].Distance;
        var found = RadiusPairs.Find(x, n, d, at, DistanceMetric.Cosine, new KnnOptions { BlockSize = 16 });
        Assert.Equal(all.Where(p => p.Distance <= at).OrderBy(p => p.First).ThenBy(p => p.Second), found);
        Assert.Contains(all[40], found);
    }

    [Fact]
    public void Exact_copies_are_at_distance_0_and_a_sample_is_never_paired_with_itself()
    {
        float[] x = [1, 0, 0, 1, 1, 0, 5, 5];
        var found = RadiusPairs.Find(x, 4, 2, 0, DistanceMetric.Cosine);
        Assert.Equal([new NeighborPair(0, 2, 0)], found);
    }

    [Fact]
    public void The_walk_gives_the_same_result_with_any_tile_product()
    {
        const int n = 150, d = 8;
        var x = RandomData(n, d, 11);
        var options = new KnnOptions { BlockSize = 40 };
        var withTorch = RadiusPairs.Find(x, n, d, 0.8, DistanceMetric.Cosine, options);
        var withManaged = RadiusPairs.Find(x, n, d, 0.8, DistanceMetric.Cosine, options, () => new ManagedTileProduct());
        Assert.Equal(withTorch, withManaged);
        var knnTorch = ExactKnn.Search(x, n, d, 4, DistanceMetric.Euclidean, options);
        var knnManaged = ExactKnn.Search(x, n, d, 4, DistanceMetric.Euclidean, options, () => new ManagedTileProduct());
        Assert.Equal(knnTorch.Indices, knnManaged.Indices);
        Assert.Equal(knnTorch.Distances, knnManaged.Distances);
    }

    [Fact]
    public void Cancellation_stops_the_scan()
    {
        var x = RandomData(100, 4, 1);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => RadiusPairs.Find(x, 100, 4, 0.5, DistanceMetric.Cosine, new KnnOptions { BlockSize = 16, Cancellation = cancel.Token }));
    }

    /// <summary>The product in plain loops, to show the walk does not depend on the kernel.</summary>
    private sealed class ManagedTileProduct : ITileProduct
    {
        public void Multiply(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> columns, int columnCount, int width, Span<float> tile)
        {
            for (var r = 0; r < rowCount; r++)
            for (var c = 0; c < columnCount; c++)
            {
                var sum = 0f;
                for (var t = 0; t < width; t++) sum += rows[r * width + t] * columns[c * width + t];
                tile[r * columnCount + c] = sum;
            }
        }

        public void Dispose() { }
    }
}

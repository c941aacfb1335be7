using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class ExactKnnTests
{
    private static float[] RandomData(int n, int d, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n * d).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>All pairs in double, the definition the blocked search must reproduce.</summary>
    private static (int[] Indices, double[] Distances) Naive(float[] x, int n, int d, int k, DistanceMetric metric)
    {
        var mean = new double[d];
        for (var i = 0; i < n; i++) for (var t = 0; t < d; t++) mean[t] += x[i * d + t];
        for (var t = 0; t < d; t++) mean[t] /= n;
        double[] Centred(int i) => Enumerable.Range(0, d).Select(t => x[i * d + t] - mean[t]).ToArray();
        var indices = new int[n * k];
        var distances = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            var a = Centred(i);
            var ranked = Enumerable.Range(0, n).Where(j => j != i).Select(j =>
            {
                var b = Centred(j);
                double dist;
                if (metric == DistanceMetric.Euclidean) dist = Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Sum());
                else
                {
                    var na = Math.Sqrt(a.Sum(v => v * v));
                    var nb = Math.Sqrt(b.Sum(v => v * v));
                    dist = 1 - a.Zip(b, (u, v) => u * v).Sum() / (na * nb);
                }
                return (dist, j);
            }).OrderBy(p => p.dist).ThenBy(p => p.j).Take(k).ToArray();
            for (var m = 0; m < k; m++) (distances[i * k + m], indices[i * k + m]) = ranked[m];
        }
        return (indices, distances);
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine, 8)]
    [InlineData(DistanceMetric.Euclidean, 8)]
    [InlineData(DistanceMetric.Cosine, 64)]
    [InlineData(DistanceMetric.Euclidean, 1024)]
    public void Blocked_search_equals_all_pairs(DistanceMetric metric, int blockSize)
    {
        const int n = 203, d = 19, k = 3; // n not a multiple of the block: ragged edge tiles
        var x = RandomData(n, d, seed: 7);
        var expected = Naive(x, n, d, k, metric);
        var actual = ExactKnn.Search(x, n, d, k, metric, new KnnOptions { BlockSize = blockSize });
        Assert.Equal(expected.Indices, actual.Indices);
        for (var i = 0; i < expected.Distances.Length; i++) Assert.Equal(expected.Distances[i], actual.Distances[i], 10);
    }

    [Fact]
    public void Exact_duplicates_are_at_distance_zero_and_self_is_excluded()
    {
        const int n = 40, d = 5;
        var x = RandomData(n, d, seed: 3);
        Array.Copy(x, 7 * d, x, 31 * d, d); // sample 31 duplicates sample 7
        foreach (var metric in new[] { DistanceMetric.Cosine, DistanceMetric.Euclidean })
        {
            var r = ExactKnn.Search(x, n, d, 3, metric, new KnnOptions { BlockSize = 16 });
            Assert.Equal(31, r.IndicesOf(7)[0]);
            Assert.Equal(7, r.IndicesOf(31)[0]);
            Assert.Equal(0.0, r.DistancesOf(7)[0]);
            Assert.Equal(0.0, r.DistancesOf(31)[0]);
            for (var i = 0; i < n; i++) Assert.DoesNotContain(i, r.IndicesOf(i).ToArray());
        }
    }

    [Fact]
    public void Progress_reports_every_tile_of_the_upper_triangle()
    {
        var calls = new List<(long, long)>();
        ExactKnn.Search(RandomData(50, 4, 1), 50, 4, 3, DistanceMetric.Cosine, new KnnOptions { BlockSize = 16, Progress = (a, b) => calls.Add((a, b)) });
        Assert.Equal(Enumerable.Range(1, 10).Select(i => ((long)i, 10L)), calls); // 4 blocks -> 4*5/2 tiles
    }

    [Fact]
    public void Cancellation_stops_the_search()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ExactKnn.Search(RandomData(50, 4, 1), 50, 4, 3, DistanceMetric.Cosine, new KnnOptions { Cancellation = cts.Token }));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var x = RandomData(4, 2, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactKnn.Search(x, 4, 2, 4, DistanceMetric.Cosine));
        Assert.Throws<ArgumentException>(() => ExactKnn.Search(x, 3, 2, 1, DistanceMetric.Cosine));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactKnn.Search(x[..2], 1, 2, 1, DistanceMetric.Cosine));
    }
}

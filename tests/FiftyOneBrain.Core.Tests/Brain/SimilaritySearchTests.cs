using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class SimilaritySearchTests
{
    // Five 2-d points whose mean is (0,0): A(2,0) B(0,1) C(-1,0) D(0,-1) E(-1,0).
    private static readonly float[] Points = { 2, 0, 0, 1, -1, 0, 0, -1, -1, 0 };

    [Fact]
    public void Cosine_order_nearest_first_by_hand()
    {
        // Query (1,1) centred = (1,1): 1 - cos to A 1-1/√2, B 1-1/√2, C 1+1/√2, D 1+1/√2, E 1+1/√2; ties by input order.
        var r = SimilaritySearch.Rank(Points, 5, 2, new[] { new float[] { 1, 1 } });
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, r.Order);
        var near = 1 - 1 / Math.Sqrt(2);
        var far = 1 + 1 / Math.Sqrt(2);
        Assert.Equal(new[] { near, near, far, far, far }, r.Distances, new Tolerance(1e-12));
    }

    [Fact]
    public void Centring_changes_the_order()
    {
        // Points 10, 11, 13 on a line (1-d, mean 34/3): centred -4/3, -1/3, 5/3. Query 12 centred 2/3: cosine 0 to 13, 2 to the others.
        var r = SimilaritySearch.Rank(new float[] { 10, 11, 13 }, 3, 1, new[] { new float[] { 12 } });
        Assert.Equal(new[] { 2, 0, 1 }, r.Order);
        Assert.Equal(new[] { 0.0, 2.0, 2.0 }, r.Distances, new Tolerance(1e-12));
    }

    [Fact]
    public void Reverse_gives_farthest_first_and_k_limits()
    {
        var r = SimilaritySearch.Rank(new float[] { 0, 1, 3, 7, 15 }, 5, 1, new[] { new float[] { 2 } }, DistanceMetric.Euclidean, k: 2, reverse: true);
        Assert.Equal(new[] { 4, 3 }, r.Order);
        Assert.Equal(new[] { 13.0, 5.0 }, r.Distances, new Tolerance(1e-9));
    }

    [Fact]
    public void Several_queries_aggregate_by_mean_distance()
    {
        // Euclidean on 0,1,3,7,15 with queries 0 and 15 (rows 0 and 4, excluded): mean distances 1 → (1+14)/2 = 7.5, 3 → 7.5, 7 → 7.5.
        // Queries 1 and 7 instead: 0 → (1+7)/2 = 4, 3 → (2+4)/2 = 3, 15 → (14+8)/2 = 11.
        var r = SimilaritySearch.Rank(new float[] { 0, 1, 3, 7, 15 }, 5, 1, new[] { new float[] { 1 }, new float[] { 7 } },
            DistanceMetric.Euclidean, exclude: new HashSet<int> { 1, 3 });
        Assert.Equal(new[] { 2, 0, 4 }, r.Order);
        Assert.Equal(new[] { 3.0, 4.0, 11.0 }, r.Distances, new Tolerance(1e-9));
    }

    [Fact]
    public void Mean_embedding_aggregation_is_one_query_at_the_mean()
    {
        // Queries 1 and 7 average to 4: distances 0 → 4, 3 → 1, 15 → 11.
        var r = SimilaritySearch.Rank(new float[] { 0, 1, 3, 7, 15 }, 5, 1, new[] { new float[] { 1 }, new float[] { 7 } },
            DistanceMetric.Euclidean, aggregation: SimilarityAggregation.MeanEmbedding, exclude: new HashSet<int> { 1, 3 });
        Assert.Equal(new[] { 2, 0, 4 }, r.Order);
        Assert.Equal(new[] { 1.0, 4.0, 11.0 }, r.Distances, new Tolerance(1e-9));
    }

    [Fact]
    public void An_exact_copy_is_at_distance_exactly_zero()
    {
        var rng = new Random(7);
        var data = Enumerable.Range(0, 200 * 64).Select(_ => (float)rng.NextDouble()).ToArray();
        var query = data.AsSpan(37 * 64, 64).ToArray();
        var r = SimilaritySearch.Rank(data, 200, 64, new[] { query }, k: 3);
        Assert.Equal(37, r.Order[0]);
        Assert.Equal(0.0, r.Distances[0]);
        Assert.True(r.Distances[1] > 0);
    }

    [Fact]
    public void Partial_selection_matches_a_full_sort()
    {
        var rng = new Random(3);
        const int n = 3000, d = 16;
        var data = Enumerable.Range(0, n * d).Select(_ => (float)rng.NextDouble()).ToArray();
        var query = Enumerable.Range(0, d).Select(_ => (float)rng.NextDouble()).ToArray();
        var all = SimilaritySearch.Rank(data, n, d, new[] { query });
        var top = SimilaritySearch.Rank(data, n, d, new[] { query }, k: 25);
        Assert.Equal(all.Order.Take(25), top.Order);
        Assert.True(all.Distances.Zip(all.Distances.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void Heap_breaks_ties_by_input_order() =>
        Assert.Equal(new[] { 1, 3, 0 }, SimilaritySearch.Select(new float[] { 1, 0, 1, 0, 1 }, 3, reverse: false, exclude: null));

    [Fact]
    public void A_query_of_the_wrong_length_is_an_input_error() =>
        Assert.Throws<BrainInputException>(() => SimilaritySearch.Rank(Points, 5, 2, new[] { new float[] { 1, 2, 3 } }));

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double obj) => 0;
    }
}

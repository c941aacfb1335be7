using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

/// <summary>Argument boundaries, block edges and inputs that stress the float32 scan of the exact kNN.</summary>
public sealed class ExactKnnEdgeTests
{
    [Fact]
    public void Two_samples_with_k_1_are_each_others_neighbour()
    {
        var r = ExactKnn.Search(new float[] { 0, 0, 3, 4 }, 2, 2, 1, DistanceMetric.Euclidean);
        Assert.Equal(new[] { 1, 0 }, r.Indices);
        Assert.Equal(new[] { 5.0, 5.0 }, r.Distances);
    }

    [Fact]
    public void K_may_be_every_other_sample()
    {
        // centred: -3, -1, 0, 4 on one axis
        var r = ExactKnn.Search(new float[] { -3, -1, 0, 4 }, 4, 1, 3, DistanceMetric.Euclidean, new KnnOptions { BlockSize = 8 });
        Assert.Equal(new[] { 1, 2, 3, 2, 0, 3, 1, 0, 3, 2, 1, 0 }, r.Indices);
        Assert.Equal(new[] { 2.0, 3, 7, 1, 2, 5, 1, 3, 4, 4, 5, 7 }, r.Distances);
    }

    [Fact]
    public void Argument_messages_name_the_limits()
    {
        var x = new float[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        Assert.StartsWith("Neighbours need at least two samples.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ExactKnn.Search(x[..2], 1, 2, 1, DistanceMetric.Cosine)).Message);
        Assert.StartsWith("Embeddings need at least one dimension.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ExactKnn.Search(Array.Empty<float>(), 4, 0, 1, DistanceMetric.Cosine)).Message);
        Assert.StartsWith("Expected 3 x 2 values, got 8.",
            Assert.Throws<ArgumentException>(() => ExactKnn.Search(x, 3, 2, 1, DistanceMetric.Cosine)).Message);
        Assert.StartsWith("k must be between 1 and 3.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ExactKnn.Search(x, 4, 2, 4, DistanceMetric.Cosine)).Message);
        Assert.StartsWith("k must be between 1 and 3.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ExactKnn.Search(x, 4, 2, 0, DistanceMetric.Cosine)).Message);
        Assert.StartsWith("The block size must be at least 8.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ExactKnn.Search(x, 4, 2, 1, DistanceMetric.Cosine, new KnnOptions { BlockSize = 7 })).Message);
    }

    [Fact]
    public void A_sample_count_that_fills_its_blocks_exactly_has_no_extra_tile()
    {
        var calls = new List<(long, long)>();
        var x = Enumerable.Range(0, 48 * 2).Select(i => (float)Math.Sin(i)).ToArray();
        var r = ExactKnn.Search(x, 48, 2, 2, DistanceMetric.Euclidean, new KnnOptions { BlockSize = 16, Progress = (a, b) => calls.Add((a, b)) });
        Assert.Equal(Enumerable.Range(1, 6).Select(i => ((long)i, 6L)), calls); // 3 blocks -> 3*4/2 tiles
        for (var i = 0; i < 48; i++) Assert.DoesNotContain(i, r.IndicesOf(i).ToArray());
    }

    [Fact]
    public void A_sample_at_the_mean_is_at_cosine_distance_1_from_everything()
    {
        // centred: (1,0), (-1,0), (0,0). Opposite directions are at distance 2; the direction-less sample at 1,
        // and its own tie between samples 0 and 1 goes to the smaller index.
        var r = ExactKnn.Search(new float[] { 1, 0, -1, 0, 0, 0 }, 3, 2, 2, DistanceMetric.Cosine);
        Assert.Equal(new[] { 2, 1, 2, 0, 0, 1 }, r.Indices);
        Assert.Equal(new[] { 1.0, 2, 1, 2, 1, 1 }, r.Distances);
    }

    [Fact]
    public void Cosine_distance_of_a_zero_vector_is_1_either_way()
    {
        double[] zero = { 0, 0 }, unit = { 0.6, 0.8 };
        Assert.Equal(1.0, ExactKnn.Distance(zero, 0, unit, 1, DistanceMetric.Cosine));
        Assert.Equal(1.0, ExactKnn.Distance(unit, 1, zero, 0, DistanceMetric.Cosine));
        Assert.Equal(1.0, ExactKnn.Distance(zero, 0, zero, 0, DistanceMetric.Cosine));
    }

    [Theory]
    [InlineData(66)]  // squared distances ~1e41 overflow float32
    [InlineData(-80)] // squared distances ~1e-48 underflow float32 to zero
    public void Euclidean_neighbours_of_huge_or_tiny_embeddings_keep_their_order(int exponent)
    {
        // -5, -2, -1, 1, 3, 4 units of 2^exponent (exact in float32, mean 0) on one axis; ties go to the smaller index.
        var unit = Math.ScaleB(1.0, exponent);
        var x = new[] { -5, -2, -1, 1, 3, 4 }.Select(v => (float)(v * unit)).ToArray();
        var r = ExactKnn.Search(x, 6, 1, 2, DistanceMetric.Euclidean);
        Assert.Equal(new[] { 1, 2, 2, 0, 1, 3, 2, 4, 5, 3, 4, 3 }, r.Indices);
        Assert.Equal(new[] { 3.0, 4, 1, 3, 1, 2, 2, 2, 1, 2, 1, 3 }.Select(v => v * unit), r.Distances);
    }

    [Fact]
    public void The_euclidean_scale_is_a_power_of_two_bringing_the_largest_norm_below_1()
    {
        float[] x = { 0, 0, 3, 4, -3, -4 }; // mean 0; largest norm 5 -> scale 1/8
        Assert.Equal(0.125, ExactKnn.EuclideanScale(x, 3, 2, new double[2]));
        Assert.Equal(1.0, ExactKnn.EuclideanScale(new float[4], 2, 2, new double[2])); // all at the mean
    }

    [Fact]
    public void Directions_closer_than_float32_can_tell_apart_are_ranked_in_double()
    {
        // (1, 0), (1, 1e-4), (1, 5e-5) and their negatives (mean 0). In float32 both cosines to (1, 0) round to 1, a
        // tie the scan breaks by index; in double (1, 5e-5) is nearer: 1 - cos = 1.25e-9 against 5e-9.
        float[] x = { 1, 0, 1, 1e-4f, 1, 5e-5f, -1, 0, -1, -1e-4f, -1, -5e-5f };
        var r = ExactKnn.Search(x, 6, 2, 2, DistanceMetric.Cosine);
        Assert.Equal(new[] { 2, 1 }, r.IndicesOf(0).ToArray());
        Assert.Equal(new[] { 5, 3 }, r.IndicesOf(4).ToArray()); // (-1, -1e-4): the nearest is 5 (5e-5 apart), then 3 (1e-4)
        Assert.Equal(0.5 * 5e-5f * 5e-5f, r.DistancesOf(0)[0], 1e-12);
    }
}

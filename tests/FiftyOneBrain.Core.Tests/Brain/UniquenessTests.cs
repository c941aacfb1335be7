using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class UniquenessTests
{
    [Fact]
    public void Euclidean_points_on_a_line_by_hand()
    {
        // 0, 1, 3, 7, 15: nearest three distances (1,3,7) (1,2,6) (2,3,4) (4,6,7) (8,12,14);
        // u = (0.6 d1 + 0.3 d2 + 0.1 d3)/3 = 2.2/3, 1.8/3, 2.5/3, 4.9/3, 9.8/3; divided by the max.
        var u = Uniqueness.Compute(new float[] { 0, 1, 3, 7, 15 }, 5, 1, DistanceMetric.Euclidean);
        var expected = new[] { 2.2 / 9.8, 1.8 / 9.8, 2.5 / 9.8, 4.9 / 9.8, 1.0 };
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i], u[i], 12);
    }

    [Fact]
    public void Cosine_with_duplicates_by_hand()
    {
        // A(2,0) B(0,1) C(-1,0) D(0,-1) E(-1,0): mean 0. 1 - cos: A-B 1, A-C 2, A-D 1, A-E 2, B-C 1, B-D 2, B-E 1,
        // C-D 1, C-E 0 (duplicates), D-E 1. Nearest three: A (1,1,2) B (1,1,1) C (0,1,1) D (1,1,1) E (0,1,1).
        var u = Uniqueness.Compute(new float[] { 2, 0, 0, 1, -1, 0, 0, -1, -1, 0 }, 5, 2);
        var expected = new[] { 1.0, 1.0 / 1.1, 0.4 / 1.1, 1.0 / 1.1, 0.4 / 1.1 };
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i], u[i], 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Three_or_fewer_samples_are_all_unique(int n) =>
        Assert.Equal(Enumerable.Repeat(1.0, n), Uniqueness.Compute(new float[n * 2], n, 2));

    [Fact]
    public void All_identical_samples_stay_at_zero_with_euclidean() =>
        Assert.Equal(new double[6], Uniqueness.Compute(Enumerable.Repeat(0.5f, 12).ToArray(), 6, 2, DistanceMetric.Euclidean));

    [Fact]
    public void Non_finite_embeddings_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Uniqueness.Compute(new float[] { 0, 1, 2, 3, float.NaN, 5, 6, 7, 8, 9 }, 5, 2));
        Assert.Contains("Embedding 2", e.Message);
    }
}

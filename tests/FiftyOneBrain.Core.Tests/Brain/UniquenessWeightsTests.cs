using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class UniquenessWeightsTests
{
    private static readonly float[] Line = { 0, 1, 3, 7, 15 };

    [Fact]
    public void Two_neighbours_with_equal_weights_by_hand()
    {
        // Nearest two: (1,3) (1,2) (2,3) (4,6) (8,12); u = (0.5 d1 + 0.5 d2)/2 = 1, 0.75, 1.25, 2.5, 5; divided by 5.
        var u = Uniqueness.Compute(Line, 5, 1, DistanceMetric.Euclidean, weights: new[] { 0.5, 0.5 });
        Assert.Equal(new[] { 0.2, 0.15, 0.25, 0.5, 1.0 }, u.Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void Four_neighbours_default_to_equal_weights()
    {
        // Nearest four: (1,3,7,15)=26 (1,2,6,14)=23 (2,3,4,12)=21 (4,6,7,8)=25 (8,12,14,15)=49; the common /4 cancels in the normalising.
        var u = Uniqueness.Compute(Line, 5, 1, DistanceMetric.Euclidean, weights: Uniqueness.WeightsFor(4));
        Assert.Equal(new[] { 26 / 49.0, 23 / 49.0, 21 / 49.0, 25 / 49.0, 1.0 }, u.Select(x => Math.Round(x, 12)), new Rounded());
    }

    [Fact]
    public void Only_the_nearest_weighted_is_the_nearest_distance()
    {
        var u = Uniqueness.Compute(Line, 5, 1, DistanceMetric.Euclidean, weights: new[] { 1.0, 0, 0 });
        Assert.Equal(new[] { 1 / 8.0, 1 / 8.0, 2 / 8.0, 4 / 8.0, 1.0 }, u);
    }

    [Fact]
    public void Three_neighbours_keep_FiftyOnes_weights()
    {
        Assert.Equal(new[] { 0.6, 0.3, 0.1 }, Uniqueness.WeightsFor(3));
        Assert.Equal(Uniqueness.Compute(Line, 5, 1, DistanceMetric.Euclidean),
            Uniqueness.Compute(Line, 5, 1, DistanceMetric.Euclidean, weights: new[] { 0.6, 0.3, 0.1 }));
    }

    [Fact]
    public void As_many_samples_as_neighbours_are_all_unique() =>
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 1.0, 1.0 }, Uniqueness.Compute(Line, 5, 1, DistanceMetric.Euclidean, weights: Uniqueness.WeightsFor(5)));

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.5, -0.1 })]
    [InlineData(new[] { 0.0, 0.0 })]
    [InlineData(new[] { double.NaN })]
    public void Bad_weights_are_rejected(double[] weights) =>
        Assert.Throws<ArgumentException>(() => Uniqueness.Compute(Line, 5, 1, weights: weights));

    [Fact]
    public void Neighbours_and_weights_must_agree() =>
        Assert.Throws<ArgumentException>(() => Uniqueness.FromNeighbors(new KnnResult(1, 2, new[] { 0, 0 }, new[] { 1.0, 2.0 }), new[] { 1.0, 1, 1 }));

    private sealed class Rounded : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < 1e-12;
        public int GetHashCode(double obj) => 0;
    }
}

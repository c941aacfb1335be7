using FiftyOneBrain.Brain.Visualization;

namespace FiftyOneBrain.Tests.Brain.Visualization;

public sealed class PcaTests
{
    [Fact]
    public void Four_points_in_a_plane_by_hand()
    {
        // Centred rows (3,3,0) (-3,-3,0) (1,-1,0) (-1,1,0), shifted by (10,20,30). Covariance /3: [[20,16,0],[16,20,0],[0,0,0]]/3,
        // eigenvalues 12 on (1,1,0)/sqrt2 and 4/3 on (1,-1,0)/sqrt2 (tie in |loading|: the first is made positive), 0 on z.
        var x = new float[] { 13, 23, 30, 7, 17, 30, 11, 19, 30, 9, 21, 30 };
        var result = Pca.Compute(x, 4, 3, 2);
        var r2 = Math.Sqrt(2);
        var expected = new[] { 3 * r2, 0, -3 * r2, 0, 0, r2, 0, -r2 };
        for (var t = 0; t < expected.Length; t++) Assert.Equal(expected[t], result.Points[t], 10);
        Assert.Equal(12.0, result.Variances[0], 10);
        Assert.Equal(4.0 / 3, result.Variances[1], 10);
        Assert.Equal(0.9, result.ExplainedRatios[0], 10);
        Assert.Equal(0.1, result.ExplainedRatios[1], 10);
    }

    [Fact]
    public void Sign_follows_the_largest_loading_whatever_the_input_orientation()
    {
        var x = new float[] { 0, 5, 0, -5, 1, 0, -1, 0 }; // spread mostly along y
        var flipped = x.Select((v, i) => i % 2 == 1 ? -v : v).ToArray();
        var a = Pca.Compute(x, 4, 2, 1).Points;
        var b = Pca.Compute(flipped, 4, 2, 1).Points;
        Assert.Equal(new[] { 5.0, -5.0, 0, 0 }, a.Select(v => Math.Round(v, 12)));
        Assert.Equal(new[] { -5.0, 5.0, 0, 0 }, b.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Three_dimensions_of_two_dimensional_data_leave_the_third_at_zero()
    {
        var result = Pca.Compute(new float[] { 0, 0, 1, 0, 0, 2 }, 3, 2, 3);
        Assert.Equal(9, result.Points.Length);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(0.0, result.Points[i * 3 + 2]));
    }

    [Fact]
    public void Matches_the_projection_on_the_top_eigenvectors_of_a_random_covariance()
    {
        var random = new Random(3);
        const int n = 200, d = 12;
        var x = new float[n * d];
        for (var i = 0; i < n; i++) for (var t = 0; t < d; t++) x[i * d + t] = (float)(random.NextDouble() * (t + 1));
        var result = Pca.Compute(x, n, d, 2);
        // Variance of the points along each axis equals the eigenvalue, and the two axes are uncorrelated.
        for (var c = 0; c < 2; c++)
        {
            var column = Enumerable.Range(0, n).Select(i => result.Points[i * 2 + c]).ToArray();
            Assert.Equal(0.0, column.Average(), 9);
            Assert.Equal(result.Variances[c], column.Sum(v => v * v) / (n - 1), 9);
        }
        var covariance = Enumerable.Range(0, n).Sum(i => result.Points[i * 2] * result.Points[i * 2 + 1]);
        Assert.Equal(0.0, covariance, 8);
        Assert.True(result.Variances[0] >= result.Variances[1]);
    }
}

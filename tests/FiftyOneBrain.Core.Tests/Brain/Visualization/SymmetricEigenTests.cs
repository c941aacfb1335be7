using FiftyOneBrain.Brain.Visualization;

namespace FiftyOneBrain.Tests.Brain.Visualization;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Two_by_two_by_hand()
    {
        // [[2,1],[1,2]]: 1 on (1,-1)/sqrt2, 3 on (1,1)/sqrt2.
        var (values, vectors) = SymmetricEigen.Decompose(new double[] { 2, 1, 1, 2 }, 2);
        Assert.Equal(1.0, values[0], 12);
        Assert.Equal(3.0, values[1], 12);
        Assert.Equal(Math.Abs(vectors[1]), Math.Abs(vectors[3]), 12);
        Assert.Equal(-vectors[0] * vectors[2], vectors[0] * vectors[0], 12); // first column is (1,-1) up to sign
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(60)]
    public void Random_symmetric_matrices_are_decomposed(int n)
    {
        var random = new Random(n);
        var a = new double[n * n];
        for (var i = 0; i < n; i++) for (var j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random.NextDouble() * 2 - 1;
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        for (var c = 0; c < n; c++)
        {
            if (c > 0) Assert.True(values[c] >= values[c - 1]);
            for (var r = 0; r < n; r++)
            {
                var av = 0.0;
                for (var t = 0; t < n; t++) av += a[r * n + t] * vectors[t * n + c];
                Assert.Equal(values[c] * vectors[r * n + c], av, 10);
            }
            for (var o = 0; o < n; o++)
            {
                var dot = 0.0;
                for (var r = 0; r < n; r++) dot += vectors[r * n + c] * vectors[r * n + o];
                Assert.Equal(c == o ? 1.0 : 0.0, dot, 10);
            }
        }
    }

    [Fact]
    public void Tridiagonal_path_graph_matches_its_closed_form()
    {
        // The n x n tridiagonal with 2 on the diagonal and -1 beside it has eigenvalues 2 - 2 cos(k pi / (n + 1)).
        const int n = 9;
        var (values, _) = SymmetricEigen.DecomposeTridiagonal(Enumerable.Repeat(2.0, n).ToArray(), Enumerable.Repeat(-1.0, n - 1).ToArray());
        for (var k = 1; k <= n; k++) Assert.Equal(2 - 2 * Math.Cos(k * Math.PI / (n + 1)), values[k - 1], 12);
    }
}

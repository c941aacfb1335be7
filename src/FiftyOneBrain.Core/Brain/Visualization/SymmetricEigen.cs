namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// All eigenvalues and eigenvectors of a real symmetric matrix: Householder reduction to tridiagonal form, then
/// the implicit QL algorithm (EISPACK's tred2 and tql2). Exact to rounding, deterministic, O(n^3).
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the n x n row-major symmetric <paramref name="matrix"/> (only read). Returns the eigenvalues in
    /// ascending order and the eigenvectors as the columns of a row-major n x n array, in the same order.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] matrix, int n)
    {
        if (matrix.Length != (long)n * n) throw new ArgumentException($"Expected {n} x {n} values, got {matrix.Length}.", nameof(matrix));
        var v = (double[])matrix.Clone();
        var d = new double[n];
        var e = new double[n];
        if (n == 0) return (d, v);
        Tridiagonalize(v, n, d, e);
        QlImplicit(v, n, d, e);
        return SortAscending(v, n, d);
    }

    /// <summary>
    /// Eigen-decomposition of a symmetric tridiagonal matrix with <paramref name="diagonal"/> (length n) and
    /// <paramref name="offDiagonal"/> (length n - 1, element i between rows i and i + 1). Ascending, vectors as columns.
    /// </summary>
    public static (double[] Values, double[] Vectors) DecomposeTridiagonal(double[] diagonal, double[] offDiagonal)
    {
        var n = diagonal.Length;
        if (offDiagonal.Length != Math.Max(0, n - 1)) throw new ArgumentException("The off-diagonal needs n - 1 values.", nameof(offDiagonal));
        var v = new double[(long)n * n];
        for (var i = 0; i < n; i++) v[(long)i * n + i] = 1;
        var d = (double[])diagonal.Clone();
        var e = new double[n];
        for (var i = 1; i < n; i++) e[i] = offDiagonal[i - 1]; // tql2 reads the sub-diagonal from e[1..]
        if (n == 0) return (d, v);
        QlImplicit(v, n, d, e);
        return SortAscending(v, n, d);
    }

    /// <summary>Householder tridiagonalisation; on return v holds the accumulated transform, d the diagonal, e[1..] the sub-diagonal.</summary>
    private static void Tridiagonalize(double[] v, int n, double[] d, double[] e)
    {
        for (var j = 0; j < n; j++) d[j] = v[(long)(n - 1) * n + j];
        for (var i = n - 1; i > 0; i--)
        {
            var scale = 0.0;
            var h = 0.0;
            for (var k = 0; k < i; k++) scale += Math.Abs(d[k]);
            if (scale == 0.0)
            {
                e[i] = d[i - 1];
                for (var j = 0; j < i; j++)
                {
                    d[j] = v[(long)(i - 1) * n + j];
                    v[(long)i * n + j] = 0.0;
                    v[(long)j * n + i] = 0.0;
                }
            }
            else
            {
                for (var k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                var f = d[i - 1];
                var g = Math.Sqrt(h);
                if (f > 0) g = -g;
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (var j = 0; j < i; j++) e[j] = 0.0;
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    v[(long)j * n + i] = f;
                    g = e[j] + v[(long)j * n + j] * f;
                    for (var k = j + 1; k <= i - 1; k++)
                    {
                        g += v[(long)k * n + j] * d[k];
                        e[k] += v[(long)k * n + j] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (var j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                var hh = f / (h + h);
                for (var j = 0; j < i; j++) e[j] -= hh * d[j];
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    for (var k = j; k <= i - 1; k++) v[(long)k * n + j] -= f * e[k] + g * d[k];
                    d[j] = v[(long)(i - 1) * n + j];
                    v[(long)i * n + j] = 0.0;
                }
            }
            d[i] = h;
        }
        for (var i = 0; i < n - 1; i++)
        {
            v[(long)(n - 1) * n + i] = v[(long)i * n + i];
            v[(long)i * n + i] = 1.0;
            var h = d[i + 1];
            if (h != 0.0)
            {
                for (var k = 0; k <= i; k++) d[k] = v[(long)k * n + i + 1] / h;
                for (var j = 0; j <= i; j++)
                {
                    var g = 0.0;
                    for (var k = 0; k <= i; k++) g += v[(long)k * n + i + 1] * v[(long)k * n + j];
                    for (var k = 0; k <= i; k++) v[(long)k * n + j] -= g * d[k];
                }
            }
            for (var k = 0; k <= i; k++) v[(long)k * n + i + 1] = 0.0;
        }
        for (var j = 0; j < n; j++)
        {
            d[j] = v[(long)(n - 1) * n + j];
            v[(long)(n - 1) * n + j] = 0.0;
        }
        v[(long)(n - 1) * n + n - 1] = 1.0;
        e[0] = 0.0;
    }

    /// <summary>Implicit QL iterations with Wilkinson-like shifts on the tridiagonal (d, e[1..]), rotating v.</summary>
    private static void QlImplicit(double[] v, int n, double[] d, double[] e)
    {
        for (var i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0.0;
        var f = 0.0;
        var tst1 = 0.0;
        var eps = Math.Pow(2.0, -52.0);
        for (var l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1) m++;
            if (m > l)
            {
                var iterations = 0;
                do
                {
                    if (++iterations > 300) throw new ArithmeticException("The QL eigenvalue iteration did not converge.");
                    var g = d[l];
                    var p = (d[l + 1] - g) / (2.0 * e[l]);
                    var r = Hypot(p, 1.0);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    p = d[m];
                    var c = 1.0;
                    var c2 = c;
                    var c3 = c;
                    var el1 = e[l + 1];
                    var s = 0.0;
                    var s2 = 0.0;
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (var k = 0; k < n; k++)
                        {
                            var row = (long)k * n;
                            h = v[row + i + 1];
                            v[row + i + 1] = s * v[row + i] + c * h;
                            v[row + i] = c * v[row + i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        var t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }

    private static (double[] Values, double[] Vectors) SortAscending(double[] v, int n, double[] d)
    {
        var order = Enumerable.Range(0, n).OrderBy(i => d[i]).ThenBy(i => i).ToArray();
        var values = new double[n];
        var vectors = new double[(long)n * n];
        for (var c = 0; c < n; c++)
        {
            values[c] = d[order[c]];
            for (var r = 0; r < n; r++) vectors[(long)r * n + c] = v[(long)r * n + order[c]];
        }
        return (values, vectors);
    }
}

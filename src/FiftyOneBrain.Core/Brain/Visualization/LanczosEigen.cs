using System.Numerics;

namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// The largest eigenpairs of a symmetric operator by Lanczos iteration with full reorthogonalisation, optionally
/// orthogonal to a known eigenvector (deflation). Stops when every wanted Ritz pair's residual |beta s_last| is
/// below the tolerance, or after <c>maxSteps</c>, returning the best Ritz pairs it has (Converged tells which).
/// Deterministic: the start vector comes from the given generator.
/// </summary>
public static class LanczosEigen
{
    public static (double[] Values, double[][] Vectors, bool Converged) Largest(
        Action<double[], double[]> multiply, int n, int wanted, double[]? deflate, Random random,
        int maxSteps = 400, double tolerance = 1e-6, CancellationToken cancellation = default)
    {
        var limit = Math.Min(maxSteps, n - (deflate is null ? 0 : 1));
        if (wanted > limit) throw new ArgumentOutOfRangeException(nameof(wanted), wanted, "More eigenpairs asked for than the space holds.");
        var basis = new List<double[]>();
        var alphas = new List<double>();
        var betas = new List<double>();
        var q = StartVector(n, random, basis, deflate);
        var w = new double[n];
        (double[] Values, double[] Vectors) ritz = default;
        var converged = false;
        while (basis.Count < limit)
        {
            cancellation.ThrowIfCancellationRequested();
            basis.Add(q);
            multiply(q, w);
            var alpha = Dot(w, q);
            alphas.Add(alpha);
            Axpy(-alpha, q, w);
            if (basis.Count > 1) Axpy(-betas[^1], basis[^2], w);
            for (var pass = 0; pass < 2; pass++) Orthogonalise(w, basis, deflate);
            var beta = Math.Sqrt(Dot(w, w));
            var m = basis.Count;
            if (m >= wanted && (m % 20 == 0 || m == limit || beta < 1e-10))
            {
                ritz = SymmetricEigen.DecomposeTridiagonal(alphas.ToArray(), betas.ToArray());
                converged = true;
                for (var c = 0; c < wanted; c++)
                {
                    var column = m - 1 - c;
                    var residual = Math.Abs(beta * ritz.Vectors[(long)(m - 1) * m + column]);
                    if (residual > tolerance * Math.Max(1.0, Math.Abs(ritz.Values[column]))) converged = false;
                }
                if (converged) break;
            }
            if (m == limit) break;
            if (beta < 1e-10)
            {
                // An invariant subspace: continue from a fresh direction orthogonal to everything so far.
                betas.Add(0);
                q = StartVector(n, random, basis, deflate);
                continue;
            }
            betas.Add(beta);
            q = new double[n];
            for (var t = 0; t < n; t++) q[t] = w[t] / beta;
        }
        var size = basis.Count;
        if (ritz.Values is null || ritz.Values.Length != size)
            ritz = SymmetricEigen.DecomposeTridiagonal(alphas.ToArray(), betas.Take(size - 1).ToArray());
        var values = new double[wanted];
        var vectors = new double[wanted][];
        for (var c = 0; c < wanted; c++)
        {
            var column = size - 1 - c;
            values[c] = ritz.Values[column];
            var v = new double[n];
            for (var j = 0; j < size; j++) Axpy(ritz.Vectors[(long)j * size + column], basis[j], v);
            vectors[c] = v;
        }
        return (values, vectors, converged);
    }

    private static double[] StartVector(int n, Random random, List<double[]> basis, double[]? deflate)
    {
        var v = new double[n];
        for (var t = 0; t < n; t++) v[t] = random.NextDouble() - 0.5;
        for (var pass = 0; pass < 2; pass++) Orthogonalise(v, basis, deflate);
        var norm = Math.Sqrt(Dot(v, v));
        for (var t = 0; t < n; t++) v[t] /= norm;
        return v;
    }

    private static void Orthogonalise(double[] w, List<double[]> basis, double[]? deflate)
    {
        if (deflate is not null) Axpy(-Dot(w, deflate), deflate, w);
        foreach (var b in basis) Axpy(-Dot(w, b), b, w);
    }

    private static double Dot(double[] a, double[] b)
    {
        var t = 0;
        var sums = Vector<double>.Zero;
        for (; t + Vector<double>.Count <= a.Length; t += Vector<double>.Count)
            sums += new Vector<double>(a, t) * new Vector<double>(b, t);
        var sum = Vector.Sum(sums);
        for (; t < a.Length; t++) sum += a[t] * b[t];
        return sum;
    }

    private static void Axpy(double factor, double[] x, double[] y)
    {
        var t = 0;
        var f = new Vector<double>(factor);
        for (; t + Vector<double>.Count <= y.Length; t += Vector<double>.Count)
            (new Vector<double>(y, t) + f * new Vector<double>(x, t)).CopyTo(y, t);
        for (; t < y.Length; t++) y[t] += factor * x[t];
    }
}

namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// UMAP's local metric per sample (umap-learn's smooth_knn_dist, local_connectivity 1, bandwidth 1): rho is the
/// distance to the nearest neighbour at a non-zero distance; sigma is found by binary search (64 steps at most,
/// tolerance 1e-5) so that sum over neighbours 2..k of exp(-max(0, d - rho) / sigma) = log2(k), then kept at least
/// 1e-3 times the mean neighbour distance (the sample's own when rho > 0, else the mean over all samples).
/// </summary>
public static class SmoothKnnDistance
{
    private const int Iterations = 64;
    private const double Tolerance = 1e-5;
    private const double MinScale = 1e-3;

    /// <summary>
    /// <paramref name="distances"/> is row-major N x k, each row ascending and including the sample itself first
    /// (distance 0), as umap-learn's kNN graph.
    /// </summary>
    public static (double[] Sigmas, double[] Rhos) Compute(double[] distances, int count, int k)
    {
        if (distances.Length != (long)count * k) throw new ArgumentException($"Expected {count} x {k} distances.", nameof(distances));
        var target = Math.Log2(k);
        var sigmas = new double[count];
        var rhos = new double[count];
        var meanAll = count == 0 ? 0 : distances.Average();
        for (var i = 0; i < count; i++)
        {
            var row = distances.AsSpan(i * k, k);
            var rho = 0.0;
            foreach (var d in row)
                if (d > 0) { rho = d; break; }
            rhos[i] = rho;
            sigmas[i] = Sigma(row, rho, target);
            var mean = 0.0;
            foreach (var d in row) mean += d;
            mean /= k;
            var floor = MinScale * (rho > 0 ? mean : meanAll);
            if (sigmas[i] < floor) sigmas[i] = floor;
        }
        return (sigmas, rhos);
    }

    private static double Sigma(ReadOnlySpan<double> row, double rho, double target)
    {
        double lo = 0, hi = double.PositiveInfinity, mid = 1;
        for (var n = 0; n < Iterations; n++)
        {
            var sum = 0.0;
            for (var j = 1; j < row.Length; j++)
            {
                var d = row[j] - rho;
                sum += d > 0 ? Math.Exp(-(d / mid)) : 1.0;
            }
            if (Math.Abs(sum - target) < Tolerance) break;
            if (sum > target)
            {
                hi = mid;
                mid = (lo + hi) / 2;
            }
            else
            {
                lo = mid;
                mid = double.IsPositiveInfinity(hi) ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }
}

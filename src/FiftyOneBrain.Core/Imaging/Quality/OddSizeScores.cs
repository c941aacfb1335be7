namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// cleanvision's odd_size, a whole-dataset check on s = sqrt(w)·sqrt(h): with Q1, Q3 of s (numpy's linear
/// percentiles), lo = Q1 − 3·IQR, hi = Q3 + 3·IQR, mid = (lo + hi) / 2; score = 1 − clip(|s − mid| / (hi − lo), 0, 1),
/// an issue below 0.5. When every middle size is equal (hi = lo) cleanvision divides by mid instead and flags
/// anything below 1, i.e. any size that differs from the common one.
/// </summary>
public static class OddSizeScores
{
    public const double IqrFactor = 3.0;
    public const double DefaultThreshold = 0.5;

    public readonly record struct Result(double[] Scores, double Threshold);

    public static double SideOf(int width, int height) => Math.Sqrt(width) * Math.Sqrt(height);

    public static Result Compute(IReadOnlyList<double> sizes)
    {
        if (sizes.Count == 0) return new Result(Array.Empty<double>(), DefaultThreshold);
        var sorted = sizes.OrderBy(s => s).ToArray();
        double q1 = Percentile(sorted, 25), q3 = Percentile(sorted, 75), iqr = q3 - q1;
        double lo = q1 - IqrFactor * iqr, hi = q3 + IqrFactor * iqr;
        var mid = (lo + hi) / 2;
        var gap = hi - lo;
        var norm = gap > 0 ? gap : mid;
        var scores = sizes.Select(s => 1 - Math.Clamp(Math.Abs(s - mid) / norm, 0, 1)).ToArray();
        return new Result(scores, gap > 0 ? DefaultThreshold : 1.0);
    }

    /// <summary>numpy.percentile, linear method, on sorted values.</summary>
    internal static double Percentile(double[] sorted, double percent)
    {
        var position = (sorted.Length - 1) * (percent / 100);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var t = position - lo;
        var diff = sorted[hi] - sorted[lo];
        return t >= 0.5 ? sorted[hi] - diff * (1 - t) : sorted[lo] + diff * t;
    }
}

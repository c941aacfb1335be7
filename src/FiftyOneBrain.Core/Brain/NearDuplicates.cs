namespace FiftyOneBrain.Brain;

/// <summary>
/// Which samples are duplicates of which (FiftyOne's find_duplicates): walk the samples in input order; a sample
/// that has not been marked keeps itself and marks every later sample within the threshold; each marked sample is
/// then attached to its nearest kept sample (ties: the earlier one). Kept samples are more than the threshold apart.
/// <see cref="DuplicateOf"/>[i] is that kept sample's index, or -1 for a kept sample.
/// </summary>
public sealed record DuplicateResult(int[] DuplicateOf, double[] Distance, double Threshold)
{
    public int DuplicateCount => DuplicateOf.Count(k => k >= 0);
}

public static class NearDuplicates
{
    internal const int MaxSteps = 200;

    /// <summary>The greedy marking and nearest-kept attachment over the pairs within the threshold (pairs farther are ignored).</summary>
    public static DuplicateResult FromPairs(int count, IReadOnlyList<NeighborPair> pairs, double threshold)
    {
        var kept = Keep(count, pairs, threshold);
        var of = new int[count];
        var distance = new double[count];
        Array.Fill(of, -1);
        foreach (var (i, j, d) in pairs)
        {
            if (d > threshold || kept[i] == kept[j]) continue;
            var (dup, keeper) = kept[i] ? (j, i) : (i, j);
            if (of[dup] < 0 || d < distance[dup] || (d == distance[dup] && keeper < of[dup]))
            {
                of[dup] = keeper;
                distance[dup] = d;
            }
        }
        return new DuplicateResult(of, distance, threshold);
    }

    /// <summary>kept[i]: sample i was not marked by an earlier kept sample. Pairs must be sorted by First.</summary>
    internal static bool[] Keep(int count, IReadOnlyList<NeighborPair> pairs, double threshold)
    {
        var kept = new bool[count];
        Array.Fill(kept, true);
        foreach (var (i, j, d) in pairs)
        {
            if (d > threshold) continue;
            if (i > j) throw new ArgumentException("Pairs must have First < Second.", nameof(pairs));
            // Sorted by First: when i's pairs come, whether i is kept is already final (only earlier samples mark it).
            if (kept[i]) kept[j] = false;
        }
        return kept;
    }

    /// <summary>
    /// FiftyOne's threshold search for find_duplicates(fraction=): keep round((1 - fraction)·N) samples (half to even);
    /// start at <paramref name="initialThreshold"/> (1 unless given), halve towards 0 when too few are kept, double (or
    /// bisect towards the last upper bound) when too many; stop at the target count, or when the count stops changing
    /// and the bounds are within 1e-6. <paramref name="pairsWithin"/> gives the sorted pairs within a threshold.
    /// Returns null when no threshold is needed (keep all or none).
    /// </summary>
    public static DuplicateResult? FromFraction(int count, double fraction, Func<double, IReadOnlyList<NeighborPair>> pairsWithin, double? initialThreshold = null,
        Action<double, int, int>? onStep = null)
    {
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be in [0, 1].");
        var target = (int)Math.Round(Math.Min(Math.Max(0, 1.0 - fraction), 1) * count, MidpointRounding.ToEven);
        if (target <= 0 || target >= count) return null;
        var threshold = initialThreshold ?? 1.0;
        var low = 0.0;
        double? high = null;
        var kept = -1;
        for (var step = 1; ; step++)
        {
            var pairs = pairsWithin(threshold);
            var last = kept;
            kept = Keep(count, pairs, threshold).Count(k => k);
            onStep?.Invoke(threshold, kept, target);
            // The step cap only guards against a search that never settles; FiftyOne's own rule stops long before.
            if (kept == target || (kept == last && high is { } h && h - low < 1e-6) || step == MaxSteps)
                return FromPairs(count, pairs, threshold);
            if (kept < target)
            {
                high = threshold;
                threshold = 0.5 * (low + threshold);
            }
            else
            {
                low = threshold;
                threshold = high is { } upper ? 0.5 * (threshold + upper) : threshold * 2;
            }
        }
    }
}

/// <summary>
/// Pairs within a threshold, scanned once at the largest threshold asked so far and filtered for smaller ones, so a
/// threshold search walks the tiles only when it climbs above every earlier threshold.
/// </summary>
public sealed class PairCache(Func<double, List<NeighborPair>> scan)
{
    private List<NeighborPair>? _pairs;
    private double _radius = double.NegativeInfinity;

    public int Scans { get; private set; }

    public IReadOnlyList<NeighborPair> Within(double threshold)
    {
        if (_pairs is null || threshold > _radius)
        {
            _pairs = scan(threshold);
            _radius = threshold;
            Scans++;
        }
        return threshold == _radius ? _pairs : _pairs.FindAll(p => p.Distance <= threshold);
    }
}

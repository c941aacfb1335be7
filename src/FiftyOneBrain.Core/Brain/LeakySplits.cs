namespace FiftyOneBrain.Brain;

/// <summary>
/// Leaky splits: a sample leaks when any sample of another split lies within the threshold. Unlike FiftyOne's
/// compute_leaky_splits, which only looks at a duplicate's nearest kept sample (and so misses a leak when that sample
/// is in its own split), every pair within the threshold counts. <see cref="LeakOf"/>[i] is the nearest other-split
/// sample within the threshold (ties: the earlier one), or -1. Samples in no split (split -1) never leak nor cause one.
/// </summary>
public sealed record LeakResult(int[] LeakOf, double[] Distance, IReadOnlyList<SplitPairLeaks> Summary)
{
    public int LeakCount => LeakOf.Count(k => k >= 0);
}

/// <summary>Per pair of splits (A before B in split order): samples of A that leak into B, of B into A, and pairs across.</summary>
public sealed record SplitPairLeaks(int SplitA, int SplitB, int LeakingFromA, int LeakingFromB, long Pairs);

public static class LeakySplits
{
    /// <param name="split">Split index of each sample, -1 for none.</param>
    /// <param name="splitCount">Number of splits (indices 0 .. splitCount-1).</param>
    public static LeakResult FromPairs(int[] split, int splitCount, IEnumerable<NeighborPair> pairs, double threshold)
    {
        var n = split.Length;
        var of = new int[n];
        var distance = new double[n];
        Array.Fill(of, -1);
        // Per split pair: the samples of each side that leak into the other, and the pair count.
        var towards = new HashSet<(int Sample, int OtherSplit)>();
        var pairCounts = new long[splitCount, splitCount];
        foreach (var (i, j, d) in pairs)
        {
            if (d > threshold || split[i] < 0 || split[j] < 0 || split[i] == split[j]) continue;
            Attach(i, j, d);
            Attach(j, i, d);
            towards.Add((i, split[j]));
            towards.Add((j, split[i]));
            pairCounts[Math.Min(split[i], split[j]), Math.Max(split[i], split[j])]++;
        }
        var summary = new List<SplitPairLeaks>();
        for (var a = 0; a < splitCount; a++)
        for (var b = a + 1; b < splitCount; b++)
        {
            int fromA = 0, fromB = 0;
            foreach (var (sample, other) in towards)
            {
                if (split[sample] == a && other == b) fromA++;
                else if (split[sample] == b && other == a) fromB++;
            }
            summary.Add(new SplitPairLeaks(a, b, fromA, fromB, pairCounts[a, b]));
        }
        return new LeakResult(of, distance, summary);

        void Attach(int sample, int other, double d)
        {
            if (of[sample] < 0 || d < distance[sample] || (d == distance[sample] && other < of[sample]))
            {
                of[sample] = other;
                distance[sample] = d;
            }
        }
    }
}

using System.Numerics;

namespace FiftyOneBrain.Brain;

/// <summary>
/// All pairs of 64-bit hashes within a Hamming distance (inclusive), sorted by (First, Second). Brute force over the
/// upper triangle, one XOR and popcount per pair, in parallel rows; memory is the pairs found.
/// </summary>
public static class HammingPairs
{
    public static List<NeighborPair> Find(IReadOnlyList<ulong> hashes, int maxDistance, CancellationToken cancel = default)
    {
        if (maxDistance is < 0 or > 64) throw new ArgumentOutOfRangeException(nameof(maxDistance), maxDistance, "A Hamming distance of 64-bit hashes is 0 to 64.");
        var n = hashes.Count;
        var values = hashes.ToArray();
        var found = new List<NeighborPair>[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            List<NeighborPair>? row = null;
            var h = values[i];
            for (var j = i + 1; j < n; j++)
            {
                var d = BitOperations.PopCount(h ^ values[j]);
                if (d <= maxDistance) (row ??= new List<NeighborPair>()).Add(new NeighborPair(i, j, d));
            }
            found[i] = row!;
        });
        var pairs = new List<NeighborPair>();
        foreach (var row in found) if (row is not null) pairs.AddRange(row);
        return pairs;
    }
}

using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class LeakySplitsTests
{
    private static NeighborPair P(int i, int j, double d) => new(i, j, d);

    [Fact]
    public void A_leak_FiftyOne_misses_is_found()
    {
        // train: 0, 1 (a copy of 0 at 0.05); test: 2, 0.15 from 1 and 0.3 from 0. FiftyOne keeps 0 and 2, attaches 1
        // to 0 (same split) and reports nothing; 1 and 2 are within 0.2 across splits, so both leak.
        NeighborPair[] pairs = [P(0, 1, 0.05), P(0, 2, 0.3), P(1, 2, 0.15)];
        var dup = NearDuplicates.FromPairs(3, pairs, 0.2);
        Assert.Equal([-1, 0, -1], dup.DuplicateOf);
        var leaks = LeakySplits.FromPairs([0, 0, 1], 2, pairs, 0.2);
        Assert.Equal([-1, 2, 1], leaks.LeakOf);
        Assert.Equal(0.15, leaks.Distance[1]);
        var summary = Assert.Single(leaks.Summary);
        Assert.Equal(new SplitPairLeaks(0, 1, 1, 1, 1), summary);
    }

    [Fact]
    public void Leak_of_is_the_nearest_other_split_sample_with_ties_to_the_earlier()
    {
        // Sample 0 (split 0) has 1 and 2 (split 1) at 0.1, 3 (split 2) at 0.05 and 4 (own split) at 0.01.
        NeighborPair[] pairs = [P(0, 2, 0.1), P(0, 1, 0.1), P(0, 3, 0.05), P(0, 4, 0.01)];
        var leaks = LeakySplits.FromPairs([0, 1, 1, 2, 0], 3, pairs, 0.2);
        Assert.Equal(3, leaks.LeakOf[0]);
        Assert.Equal(-1, leaks.LeakOf[4]);
        var near = LeakySplits.FromPairs([0, 1, 1], 2, [P(0, 2, 0.1), P(0, 1, 0.1)], 0.2);
        Assert.Equal(1, near.LeakOf[0]);
        Assert.Equal([new SplitPairLeaks(0, 1, 1, 2, 2)], near.Summary);
    }

    [Fact]
    public void Samples_in_no_split_neither_leak_nor_cause_leaks_and_far_pairs_do_not_count()
    {
        var leaks = LeakySplits.FromPairs([-1, 0, 1], 2, [P(0, 1, 0.01), P(0, 2, 0.01), P(1, 2, 0.3)], 0.2);
        Assert.Equal([-1, -1, -1], leaks.LeakOf);
        Assert.Equal(0, leaks.LeakCount);
        Assert.Equal(0, leaks.Summary[0].Pairs);
    }
}

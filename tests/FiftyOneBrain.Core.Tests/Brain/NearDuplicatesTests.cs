using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class NearDuplicatesTests
{
    private static NeighborPair P(int i, int j, double d) => new(i, j, d);

    [Fact]
    public void A_marked_sample_marks_nothing_so_the_far_end_of_a_chain_is_kept()
    {
        // 0-1 and 1-2 within 0.2, 0-2 not: 0 keeps itself and marks 1; 1 is marked, so 2 stays kept.
        var result = NearDuplicates.FromPairs(3, [P(0, 1, 0.1), P(1, 2, 0.1)], 0.2);
        Assert.Equal([-1, 0, -1], result.DuplicateOf);
        Assert.Equal(0.1, result.Distance[1]);
    }

    [Fact]
    public void Input_order_decides_who_is_kept()
    {
        // The same pair: the earlier sample is kept whichever way round the samples are numbered.
        Assert.Equal([-1, 0], NearDuplicates.FromPairs(2, [P(0, 1, 0.05)], 0.2).DuplicateOf);
        var three = NearDuplicates.FromPairs(3, [P(0, 2, 0.05), P(1, 2, 0.01)], 0.2);
        Assert.Equal([-1, -1, 1], three.DuplicateOf); // 0 and 1 are kept (0.5 apart), 2 is marked by 0
    }

    [Fact]
    public void A_duplicate_is_attached_to_its_nearest_kept_sample_not_the_one_that_marked_it()
    {
        // 0 marks 2 at 0.15; 1 is kept (not within 0.2 of 0) and is nearer to 2, at 0.05.
        var result = NearDuplicates.FromPairs(3, [P(0, 2, 0.15), P(1, 2, 0.05)], 0.2);
        Assert.Equal(1, result.DuplicateOf[2]);
        Assert.Equal(0.05, result.Distance[2]);
        Assert.Equal(1, result.DuplicateCount);
    }

    [Fact]
    public void Equal_distances_to_two_kept_samples_attach_to_the_earlier_one()
    {
        var result = NearDuplicates.FromPairs(3, [P(0, 2, 0.1), P(1, 2, 0.1)], 0.2);
        Assert.Equal(0, result.DuplicateOf[2]);
        var reversedOffer = NearDuplicates.FromPairs(4, new[] { P(1, 3, 0.1), P(0, 3, 0.1) }.OrderBy(p => p.First).ToList(), 0.2);
        Assert.Equal(0, reversedOffer.DuplicateOf[3]);
    }

    [Fact]
    public void The_threshold_is_inclusive_and_pairs_beyond_it_are_ignored()
    {
        Assert.Equal([-1, 0], NearDuplicates.FromPairs(2, [P(0, 1, 0.2)], 0.2).DuplicateOf);
        Assert.Equal([-1, -1], NearDuplicates.FromPairs(2, [P(0, 1, 0.2000001)], 0.2).DuplicateOf);
    }

    [Fact]
    public void The_fraction_search_follows_FiftyOnes_bisection_from_1()
    {
        // Points on a line at 0, 0.5, 3, 3.25; keep round(0.75 * 4) = 3.
        // t = 1: pairs 0-1 (0.5), 2-3 (0.25) keep 2 < 3, halve; t = 0.5: still 2, halve; t = 0.25: only 2-3, keeps 3.
        NeighborPair[] all = [P(0, 1, 0.5), P(0, 2, 3), P(0, 3, 3.25), P(1, 2, 2.5), P(1, 3, 2.75), P(2, 3, 0.25)];
        var steps = new List<(double, int)>();
        var result = NearDuplicates.FromFraction(4, 0.25, t => all.Where(p => p.Distance <= t).ToList(), null, (t, kept, _) => steps.Add((t, kept)));
        Assert.NotNull(result);
        Assert.Equal([(1.0, 2), (0.5, 2), (0.25, 3)], steps);
        Assert.Equal(0.25, result.Threshold);
        Assert.Equal([-1, -1, -1, 2], result.DuplicateOf);
    }

    [Fact]
    public void The_fraction_search_doubles_when_too_many_are_kept_and_starts_from_a_given_threshold()
    {
        // Keep 2 of 3: from 0.1 nothing is marked, so 0.2, then 0.4 (pair 0-1 at 0.3) keeps 2.
        NeighborPair[] all = [P(0, 1, 0.3), P(0, 2, 5), P(1, 2, 5)];
        var steps = new List<double>();
        var result = NearDuplicates.FromFraction(3, 1.0 / 3, t => all.Where(p => p.Distance <= t).ToList(), 0.1, (t, _, _) => steps.Add(t));
        Assert.Equal([0.1, 0.2, 0.4], steps);
        Assert.Equal([-1, 0, -1], result!.DuplicateOf);
    }

    [Theory]
    [InlineData(0.0, 4)]
    [InlineData(1.0, 4)]
    public void A_fraction_that_keeps_all_or_none_needs_no_search(double fraction, int count) =>
        Assert.Null(NearDuplicates.FromFraction(count, fraction, _ => throw new InvalidOperationException("no scan expected")));

    [Fact]
    public void The_kept_count_rounds_half_to_even_as_Python()
    {
        // 5 samples, fraction 0.5: keep round(2.5) = 2, so one pair marking is not enough at first.
        NeighborPair[] all = [P(0, 1, 0.1), P(2, 3, 0.1), P(3, 4, 0.1), P(0, 2, 0.9)];
        var result = NearDuplicates.FromFraction(5, 0.5, t => all.Where(p => p.Distance <= t).ToList());
        Assert.Equal(3, result!.DuplicateCount);
    }

    [Fact]
    public void The_pair_cache_scans_again_only_above_every_earlier_threshold()
    {
        var scanned = new List<double>();
        var cache = new PairCache(t => { scanned.Add(t); return new List<NeighborPair> { P(0, 1, 0.1), P(0, 2, 0.5) }.FindAll(p => p.Distance <= t); });
        Assert.Equal(2, cache.Within(1).Count);
        Assert.Single(cache.Within(0.3));
        Assert.Equal(2, cache.Within(0.6).Count);
        Assert.Equal([1.0], scanned);
        cache.Within(2);
        Assert.Equal(2, cache.Scans);
    }
}

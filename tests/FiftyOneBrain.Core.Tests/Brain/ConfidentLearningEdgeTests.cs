using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

/// <summary>Boundaries, tie-breaks and messages of the confident-learning steps, computed by hand.</summary>
public sealed class ConfidentLearningEdgeTests
{
    [Fact]
    public void Probabilities_of_exactly_0_and_1_are_accepted()
    {
        var r = ConfidentLearning.Find(new[] { 1.0, 0.0, 0.0, 1.0 }, new[] { 0, 1 }, 2);
        Assert.Equal(new[] { 1.0, 1.0 }, r.SelfConfidence);
        Assert.Equal(new[] { false, false }, r.IsLabelIssue);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(1.001)]
    public void Probabilities_outside_0_to_1_are_named(double bad)
    {
        var e = Assert.Throws<ArgumentException>(() => ConfidentLearning.Find(new[] { 0.5, 0.5, bad, 0.5 }, new[] { 0, 1 }, 2));
        Assert.StartsWith($"Probabilities must be in 0..1; found {bad}.", e.Message);
    }

    [Fact]
    public void Argument_messages_say_what_is_wrong()
    {
        Assert.StartsWith("Confident learning needs at least two classes.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ConfidentLearning.Find(new[] { 1.0 }, new[] { 0 }, 1)).Message);
        Assert.StartsWith("Confident learning needs at least one sample.",
            Assert.Throws<ArgumentException>(() => ConfidentLearning.Find(Array.Empty<double>(), Array.Empty<int>(), 2)).Message);
        Assert.StartsWith("Expected 2 x 2 probabilities, got 3 values.",
            Assert.Throws<ArgumentException>(() => ConfidentLearning.Find(new[] { .5, .5, 1 }, new[] { 0, 1 }, 2)).Message);
        Assert.StartsWith("Label of sample 1 is not a class index.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ConfidentLearning.Find(new[] { .5, .5, .5, .5 }, new[] { 0, -1 }, 2)).Message);
    }

    [Fact]
    public void A_value_exactly_at_threshold_minus_slack_counts()
    {
        const double slack = 1e-6;
        var thresholds = new[] { 0.6, 0.9 };
        // sample 0 (labelled 1) sits exactly on t0 - slack: counted toward class 0.
        var joint = ConfidentLearning.ConfidentJoint(new[] { 0.6 - slack, 0.4 + slack }, new[] { 1 }, 2, thresholds);
        Assert.Equal(new[] { new long[] { 1, 0 }, new long[] { 1, 1 } }, joint);
    }

    [Fact]
    public void The_confident_guess_is_the_largest_probability_over_its_threshold_and_the_lower_class_on_a_tie()
    {
        var thresholds = new[] { 0.3, 0.3, 0.3 };
        double[] p =
        {
            .6, .4, .0,  // both over: the larger, class 0
            .45, .45, .1, // tie: class 0
            .2, .35, .45, // all but 0 over: class 2
            .1, .2, .7,   // only 2 over
        };
        var joint = ConfidentLearning.ConfidentJoint(p, new[] { 1, 1, 1, 0 }, 3, thresholds);
        Assert.Equal(new[] { new long[] { 1, 0, 1 }, new long[] { 2, 1, 1 }, new long[] { 0, 0, 1 } }, joint);
    }

    [Fact]
    public void Rounding_hands_out_several_units_in_index_order_on_equal_errors()
    {
        Assert.Equal(new long[] { 1, 1, 0, 0, 0 }, ConfidentLearning.RoundPreservingSum(new[] { 0.4, 0.4, 0.4, 0.4, 0.4 }));
        Assert.Equal(new long[] { 0, 0, 0, 1, 1 }, ConfidentLearning.RoundPreservingSum(new[] { 0.4, 0.4, 0.4, 0.6, 0.6 }));
    }

    [Fact]
    public void Keep_at_least_one_spreads_the_raise_over_all_non_zero_off_diagonal_counts()
    {
        // given label 0: diagonal 0, three off-diagonal 3s; the count of non-zero entries less one (as cleanlab) is 2,
        // so 1/2 is taken from each: 2.5. Transposed rows [2.5, 5, 0, 0] sum to 7.5 -> 8: 2.5 is rounded up to 3.
        var joint = new[] { new long[] { 0, 3, 3, 3 }, new long[] { 0, 5, 0, 0 }, new long[] { 0, 0, 5, 0 }, new long[] { 0, 0, 0, 5 } };
        var kept = ConfidentLearning.KeepAtLeastOnePerClass(joint);
        Assert.Equal(new long[] { 1, 3, 3, 3 }, kept[0]);
        Assert.Equal(new long[] { 0, 5, 0, 0 }, kept[1]);
    }

    [Fact]
    public void Pruning_takes_the_largest_margin_and_the_lower_index_on_a_tie()
    {
        // C = [[2,1],[1,2]]: one sample labelled 0 goes to 1 and one labelled 1 goes to 0.
        // Labelled 0: P1 - P0 = -.2, -.2, -.8 -> the tie goes to sample 0. Labelled 1: P0 - P1 = -.8, -.6, -.4 -> sample 5.
        double[] p = { .6, .4, .6, .4, .9, .1, .1, .9, .2, .8, .3, .7 };
        var issues = ConfidentLearning.PruneByNoiseRate(p, new[] { 0, 0, 0, 1, 1, 1 }, 2, new[] { new long[] { 2, 1 }, new long[] { 1, 2 } });
        Assert.Equal(new[] { true, false, false, false, false, true }, issues);
    }

    [Fact]
    public void Pruning_never_marks_more_samples_than_a_label_has()
    {
        double[] p = { .4, .6, .9, .1 };
        var issues = ConfidentLearning.PruneByNoiseRate(p, new[] { 0, 1 }, 2, new[] { new long[] { 1, 5 }, new long[] { 0, 1 } });
        Assert.Equal(new[] { true, false }, issues);
    }

    [Fact]
    public void A_pruned_sample_with_tied_probabilities_stays_an_issue()
    {
        // t = [(.5+.4)/2, (.5+.8)/2] = [.45, .65]. Sample 2 (labelled 1, P = [.5, .5]) is over t0 only: C = [[1,0],[1,1]],
        // calibrated to counts [2,2]: [[2,0],[1,1]]. One sample labelled 1 goes to 0: the largest P0 - P1 is sample 2 (0).
        // Its argmax on the tie is class 0, not its label, so it is an issue; sample 0 (labelled 0, also tied) is not.
        double[] p = { .5, .5, .4, .6, .5, .5, .2, .8 };
        var r = ConfidentLearning.Find(p, new[] { 0, 0, 1, 1 }, 2);
        Assert.Equal(new[] { new long[] { 2, 0 }, new long[] { 1, 1 } }, r.ConfidentJoint);
        Assert.Equal(new[] { false, false, true, false }, r.IsLabelIssue);
        Assert.Equal(new[] { .5, .4, .5, .8 }, r.NormalizedMargin.Select(v => Math.Round(v, 12)));
    }
}

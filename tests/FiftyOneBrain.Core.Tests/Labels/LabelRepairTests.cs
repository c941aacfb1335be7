using FiftyOneBrain.Labels;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Labels;

public class LabelRepairTests
{
    private static Sample Make(string label, string? predicted, double? confidence = null)
    {
        var s = new Sample($"/img/{Guid.NewGuid()}.png");
        s.SetField("ground_truth", new Classification(label));
        if (predicted is not null) s.SetField("predictions", new Classification(predicted, confidence));
        return s;
    }

    [Fact]
    public void Relabel_sets_the_prediction_keeps_the_old_label_and_tags()
    {
        var s = Make("cat", "dog", 0.9);
        var o = new LabelRepairOptions();
        var d = LabelRepair.Decide(s, flagged: true, o);
        Assert.Equal((LabelRepairOutcome.Relabeled, "cat", "dog"), (d.Outcome, d.OldLabel, d.NewLabel));
        Assert.Equal("cat", ((Classification)s["ground_truth"]!).Label); // deciding changes nothing
        LabelRepair.Apply(d, o);
        Assert.Equal("dog", ((Classification)s["ground_truth"]!).Label);
        Assert.Equal("cat", ((Classification)s["ground_truth_original"]!).Label);
        Assert.NotEqual(((Classification)s["ground_truth"]!).Id, ((Classification)s["ground_truth_original"]!).Id);
        Assert.Equal(new[] { "relabeled" }, s.Tags);
    }

    [Theory]
    [InlineData(0.5, LabelRepairAction.Remove, LabelRepairOutcome.Removed)]
    [InlineData(0.5, LabelRepairAction.Relabel, LabelRepairOutcome.Unsure)]
    [InlineData(0.95, LabelRepairAction.Remove, LabelRepairOutcome.Relabeled)] // 0.95 >= 0.9: confident enough
    public void Below_min_confidence_follows_the_unsure_option(double confidence, LabelRepairAction unsure, LabelRepairOutcome expected)
    {
        var d = LabelRepair.Decide(Make("cat", "dog", confidence), true, new LabelRepairOptions { MinConfidence = 0.9, Unsure = unsure });
        Assert.Equal(expected, d.Outcome);
    }

    [Fact]
    public void Confidence_falls_back_to_softmax_of_logits()
    {
        var p = new Classification("a") { Logits = new[] { 0.0, Math.Log(3) } }; // softmax = 0.25, 0.75
        Assert.Equal(0.75, LabelRepair.Confidence(p), 12);
    }

    [Fact]
    public void Unflagged_and_already_predicted_samples_are_kept_and_remove_drops_flagged()
    {
        var o = new LabelRepairOptions { Action = LabelRepairAction.Remove };
        Assert.Equal(LabelRepairOutcome.Kept, LabelRepair.Decide(Make("a", "b"), false, o).Outcome);
        Assert.False(LabelRepair.Decide(Make("a", null), true, o).Passes); // removal needs no prediction
        Assert.Equal(LabelRepairOutcome.Kept, LabelRepair.Decide(Make("a", "a", 0.99), true, new LabelRepairOptions()).Outcome);
        Assert.Throws<ArgumentException>(() => LabelRepair.Decide(Make("a", null), true, new LabelRepairOptions()));
    }

    [Fact]
    public void Summary_counts_each_outcome()
    {
        var o = new LabelRepairOptions { MinConfidence = 0.8 };
        var decisions = new[]
        {
            (LabelRepair.Decide(Make("a", "b", 0.9), true, o), true),   // relabeled
            (LabelRepair.Decide(Make("a", "b", 0.5), true, o), true),   // unsure -> removed
            (LabelRepair.Decide(Make("a", "a", 0.9), true, o), true),   // already predicted
            (LabelRepair.Decide(Make("a", "b", 0.9), false, o), false), // not flagged
        };
        var summary = LabelRepair.Summarize(decisions, whatIf: false);
        Assert.Equal(new LabelRepairSummary(4, 3, 1, 1, 1, 1, false), summary);
    }
}

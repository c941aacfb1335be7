using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Labels;

/// <summary>What to do with a sample flagged as a likely label mistake.</summary>
public enum LabelRepairAction
{
    /// <summary>Drop it from what flows on.</summary>
    Remove,
    /// <summary>Give it the predicted class, keeping the old label.</summary>
    Relabel,
}

/// <summary>What happened to one sample.</summary>
public enum LabelRepairOutcome { Kept, Removed, Relabeled, Unsure }

public sealed record LabelRepairOptions
{
    public string LabelField { get; init; } = "ground_truth";
    public string PredictionField { get; init; } = "predictions";
    public LabelRepairAction Action { get; init; } = LabelRepairAction.Relabel;
    /// <summary>
    /// Relabel only where the prediction's confidence is at least this; 0 = always. The default won the cleaning
    /// experiment (bench/Cleaning): relabeling every flag turns the clean samples CL wrongly flags into new mistakes.
    /// </summary>
    public double MinConfidence { get; init; } = DefaultMinConfidence;
    public const double DefaultMinConfidence = 0.6;
    /// <summary>Relabel: what a flagged sample below MinConfidence gets (Remove drops it, Relabel = keep it as it is).</summary>
    public LabelRepairAction Unsure { get; init; } = LabelRepairAction.Remove;
    public string RelabeledTag { get; init; } = "relabeled";
    /// <summary>Where a relabeled sample keeps the label it had just before, as Add-FoLabelNoise does.</summary>
    public string? OriginalField { get; init; }
    public string OriginalFieldName => OriginalField ?? LabelField + "_original";
}

/// <summary>One sample's planned repair; <see cref="LabelRepair.Apply"/> carries it out.</summary>
public sealed record LabelRepairDecision(Sample Sample, LabelRepairOutcome Outcome, string? OldLabel, string? NewLabel, double? Confidence)
{
    /// <summary>Whether the sample flows on after the repair.</summary>
    public bool Passes => Outcome is not LabelRepairOutcome.Removed;
}

/// <summary>Counts of one repair run (or of what -WhatIf would do).</summary>
public sealed record LabelRepairSummary(int Seen, int Flagged, int Removed, int Relabeled, int Unsure, int Unchanged, bool WhatIf)
{
    public override string ToString() =>
        $"{(WhatIf ? "What if: would have " : "")}{(WhatIf ? "removed" : "Removed")} {Removed} and relabeled {Relabeled} of {Flagged} flagged samples " +
        $"({Seen} seen; {Unsure} flagged below the confidence threshold{(Unchanged > 0 ? $", {Unchanged} already labelled as predicted" : "")}).";
}

/// <summary>
/// Acting on label-mistake findings: a flagged sample is removed, or relabeled with its predicted class when the
/// prediction is confident enough (else it is removed or kept as the Unsure option says). A flagged sample
/// whose label already is the predicted class is left unchanged (nothing to relabel).
/// </summary>
public static class LabelRepair
{
    public static LabelRepairDecision Decide(Sample sample, bool flagged, LabelRepairOptions o)
    {
        var label = (sample.GetField(o.LabelField) as Classification)?.Label;
        if (!flagged) return new LabelRepairDecision(sample, LabelRepairOutcome.Kept, label, label, null);
        if (o.Action == LabelRepairAction.Remove) return new LabelRepairDecision(sample, LabelRepairOutcome.Removed, label, null, null);
        if (sample.GetField(o.PredictionField) is not Classification { Label: { } predicted } prediction)
            throw new ArgumentException($"Sample {sample.Id} ({sample.Filepath}) has no Classification in field '{o.PredictionField}' to relabel from.");
        var confidence = Confidence(prediction);
        if (string.Equals(predicted, label, StringComparison.Ordinal))
            return new LabelRepairDecision(sample, LabelRepairOutcome.Kept, label, label, confidence);
        if (confidence < o.MinConfidence)
            return new LabelRepairDecision(sample, o.Unsure == LabelRepairAction.Remove ? LabelRepairOutcome.Removed : LabelRepairOutcome.Unsure, label, null, confidence);
        return new LabelRepairDecision(sample, LabelRepairOutcome.Relabeled, label, predicted, confidence);
    }

    /// <summary>Writes a Relabeled decision to its sample: new label, old label in OriginalField, the tag.</summary>
    public static void Apply(LabelRepairDecision d, LabelRepairOptions o)
    {
        if (d.Outcome != LabelRepairOutcome.Relabeled) return;
        var s = d.Sample;
        if (s.GetField(o.LabelField) is Classification old)
        {
            // A copy with its own id (as FiftyOne gives every label one), so the two fields never share a label id.
            var kept = old.Clone();
            kept.Id = ObjectId.New();
            s.SetField(o.OriginalFieldName, kept);
        }
        s.SetField(o.LabelField, new Classification(d.NewLabel!));
        if (!s.Tags.Contains(o.RelabeledTag)) s.Tags.Add(o.RelabeledTag);
    }

    public static LabelRepairSummary Summarize(IEnumerable<(LabelRepairDecision Decision, bool Flagged)> decisions, bool whatIf)
    {
        int seen = 0, flagged = 0, removed = 0, relabeled = 0, unsure = 0, unchanged = 0;
        foreach (var (d, f) in decisions)
        {
            seen++;
            if (!f) continue;
            flagged++;
            switch (d.Outcome)
            {
                case LabelRepairOutcome.Removed: removed++; if (d.Confidence is not null) unsure++; break;
                case LabelRepairOutcome.Relabeled: relabeled++; break;
                case LabelRepairOutcome.Unsure: unsure++; break;
                case LabelRepairOutcome.Kept: unchanged++; break;
            }
        }
        return new LabelRepairSummary(seen, flagged, removed, relabeled, unsure, unchanged, whatIf);
    }

    /// <summary>The prediction's confidence, else the largest softmax probability of its logits, else 1 (a bare label is taken as sure).</summary>
    public static double Confidence(Classification prediction)
    {
        if (prediction.Confidence is { } c) return c;
        if (prediction.Logits is { Length: > 0 } logits) return Brain.SoftmaxEntropy.Softmax(logits).Max();
        return 1.0;
    }
}

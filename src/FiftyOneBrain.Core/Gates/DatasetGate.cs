using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Gates;

/// <summary>One bound on a numeric field: a sample violates it when its value is above Max or below Min.</summary>
public sealed record GateCheck(string Field, double? Min = null, double? Max = null)
{
    public override string ToString() => Max is { } max ? $"{Field} <= {max}" : $"{Field} >= {Min}";

    /// <summary>
    /// How far the value is past the bound (positive = violation), so the worst samples sort first.
    /// NaN is never within a bound: it counts as the worst violation rather than slipping through every comparison.
    /// </summary>
    public double Excess(double value) =>
        double.IsNaN(value) ? double.PositiveInfinity : Max is { } max ? value - max : Min!.Value - value;
}

public sealed record GateViolation(Sample Sample, string Field, double Value, double Excess)
{
    public override string ToString() => $"{Sample.Filepath} ({Field} = {Value:0.####})";
}

public sealed record GateResult(bool Passed, int Total, int Violating, int MaxCount, IReadOnlyList<string> Checks,
    IReadOnlyList<GateViolation> Worst, int MissingValues)
{
    /// <summary>The counts of flagged samples (duplicates, leaks, image issues), each with its own bound.</summary>
    public IReadOnlyList<FlagCount> Flags { get; init; } = Array.Empty<FlagCount>();

    public string Summary =>
        $"{(Passed ? "Passed" : "Failed")}: {string.Join(" ", (Checks.Count > 0 ? new[] { ScoreSummary } : Array.Empty<string>()).Concat(Flags.Select(f => $"{f}.")))}";

    private string ScoreSummary => Violating <= MaxCount || Worst.Count == 0
            ? $"{Violating} of {Total} samples outside {string.Join(", ", Checks)} (at most {MaxCount} allowed)."
            : $"{Violating} of {Total} samples outside {string.Join(", ", Checks)} (at most {MaxCount} allowed). Worst: {string.Join("; ", Worst.Take(5))}.";
}

/// <summary>A quality gate for CI jobs: counts samples whose scores break any bound.</summary>
public static class DatasetGate
{
    public static GateResult Evaluate(IReadOnlyList<Sample> samples, IReadOnlyList<GateCheck> checks, int maxCount, int worstToKeep = 10,
        IReadOnlyList<FlagCheck>? flags = null)
    {
        flags ??= Array.Empty<FlagCheck>();
        if (checks.Count == 0 && flags.Count == 0) throw new ArgumentException("A gate needs at least one bound (e.g. -MaxMistakenness).");
        var violations = new List<GateViolation>();
        var violating = 0;
        var missing = 0;
        foreach (var sample in samples)
        {
            GateViolation? worst = null;
            foreach (var check in checks)
            {
                var value = FieldValues.AsDouble(sample.GetField(check.Field));
                if (value is null) { missing++; continue; }
                var excess = check.Excess(value.Value);
                if (excess > 0 && (worst is null || excess > worst.Excess)) worst = new GateViolation(sample, check.Field, value.Value, excess);
            }
            if (worst is null) continue;
            violating++;
            violations.Add(worst);
        }
        var top = violations.OrderByDescending(v => v.Excess).Take(worstToKeep).ToList();
        var counts = flags.Select(f => FlagCount.Of(samples, f, worstToKeep)).ToList();
        return new GateResult(violating <= maxCount && counts.All(c => c.Passed), samples.Count, violating, maxCount,
            checks.Select(c => c.ToString()).ToList(), top, missing) { Flags = counts };
    }
}

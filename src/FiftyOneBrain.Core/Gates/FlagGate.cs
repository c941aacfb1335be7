using System.Collections;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Gates;

/// <summary>
/// A bound on how many samples carry a flag that another cmdlet set (duplicates, leaks, image issues):
/// the gate fails when more than Max samples are flagged.
/// </summary>
public sealed record FlagCheck(string Name, int Max, Func<Sample, bool> IsFlagged)
{
    public override string ToString() => $"{Name} <= {Max}";

    /// <summary>Tagged <c>duplicate</c>, or with a <paramref name="ofField"/> (duplicate_of) that names a kept sample.</summary>
    public static FlagCheck Duplicates(int max, string ofField = "duplicate_of") =>
        new("duplicates", max, s => s.Tags.Contains("duplicate") || s.GetField(ofField) is string { Length: > 0 });

    /// <summary>With <paramref name="field"/> (leak) = true.</summary>
    public static FlagCheck Leaks(int max, string field = "leak") =>
        new("leaks", max, s => s.GetField(field) is true);

    /// <summary>With a non-empty list in <paramref name="field"/> (image_issues).</summary>
    public static FlagCheck ImageIssues(int max, string field = "image_issues") =>
        new("image issues", max, s => s.GetField(field) is IEnumerable list and not string && list.Cast<object?>().Any());
}

/// <summary>How many samples one flag check found, and the first few of them.</summary>
public sealed record FlagCount(string Name, int Count, int Max, IReadOnlyList<Sample> Examples)
{
    public bool Passed => Count <= Max;
    public override string ToString() => Examples.Count == 0 ? $"{Name}: {Count} (at most {Max})"
        : $"{Name}: {Count} (at most {Max}; e.g. {string.Join(", ", Examples.Take(5).Select(s => s.Filepath))})";

    public static FlagCount Of(IReadOnlyList<Sample> samples, FlagCheck check, int examplesToKeep = 10)
    {
        var flagged = samples.Where(check.IsFlagged).ToList();
        return new FlagCount(check.Name, flagged.Count, check.Max, flagged.Take(examplesToKeep).ToList());
    }
}

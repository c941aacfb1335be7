using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Gallery;

/// <summary>
/// Reads the fields the curation commands write, under the names they write them: the embeddings map's point,
/// near duplicates (duplicate_of), leaks across splits (leak, leak_of), image-quality issues (image_issues) and
/// relabeled samples (tag relabeled, the label before in "&lt;label field&gt;_original").
/// </summary>
public static class CurationFields
{
    public const string DefaultMapField = "visualization";
    public const string DuplicateOf = "duplicate_of";
    public const string Leak = "leak";
    public const string LeakOf = "leak_of";
    public const string ImageIssues = "image_issues";
    public const string RelabeledTag = "relabeled";
    public const string OriginalSuffix = "_original";

    /// <summary>The first two coordinates of the sample's point (a 3-D point is drawn by its first two); null without two finite numbers.</summary>
    public static float[]? PointOf(Sample sample, string field)
    {
        if (GalleryFields.Resolve(sample, field) is not { } own) return null;
        double[]? values = sample.GetField(own) switch
        {
            double[] d => d,
            float[] f => f.Select(v => (double)v).ToArray(),
            object[] o when o.Length >= 2 => o.Take(2).Select(v => FieldValues.AsDouble(v) ?? double.NaN).ToArray(),
            _ => null,
        };
        if (values is null || values.Length < 2 || !double.IsFinite(values[0]) || !double.IsFinite(values[1])) return null;
        return new[] { (float)values[0], (float)values[1] };
    }

    /// <summary>A text field (an Id) or null.</summary>
    public static string? TextOf(Sample sample, string field) =>
        GalleryFields.Resolve(sample, field) is { } own && sample.GetField(own) is string { Length: > 0 } s ? s : null;

    /// <summary>True when the leak field says so (true or a non-zero number).</summary>
    public static bool IsLeak(Sample sample) =>
        GalleryFields.Resolve(sample, Leak) is { } own && FieldValues.AsDouble(sample.GetField(own)) is { } v && v != 0;

    /// <summary>The sample's image issues (dark, blurry ...), distinct, in their order; null when it has none.</summary>
    public static List<string>? IssuesOf(Sample sample)
    {
        if (GalleryFields.Resolve(sample, ImageIssues) is not { } own) return null;
        var issues = sample.GetField(own) switch
        {
            string[] a => a.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToList(),
            string { Length: > 0 } s => new List<string> { s },
            _ => null,
        };
        return issues is { Count: > 0 } ? issues : null;
    }

    /// <summary>
    /// For a sample tagged relabeled: the first shown label field whose "_original" twin holds a different
    /// classification label, with the label before; null otherwise.
    /// </summary>
    public static CardRelabel? RelabelOf(Sample sample, IEnumerable<string> labelFields)
    {
        if (!sample.Tags.Contains(RelabeledTag, StringComparer.Ordinal)) return null;
        foreach (var field in labelFields)
        {
            if (field.EndsWith(OriginalSuffix, StringComparison.OrdinalIgnoreCase)) continue;
            if (GalleryFields.Resolve(sample, field) is not { } own || sample.GetField(own) is not Classification now) continue;
            if (GalleryFields.Resolve(sample, field + OriginalSuffix) is not { } before || sample.GetField(before) is not Classification was) continue;
            if (string.Equals(was.Label, now.Label, StringComparison.Ordinal)) continue;
            return new CardRelabel { Field = field, From = was.Label ?? "", To = now.Label ?? "" };
        }
        return null;
    }
}

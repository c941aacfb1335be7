using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Gallery;

/// <summary>
/// Reads sample fields the way the gallery names them: field names match case-insensitively (as PowerShell
/// properties do) and "&lt;label field&gt;.confidence" reads a classification's confidence as a number.
/// </summary>
public static class GalleryFields
{
    public const string ConfidenceSuffix = ".confidence";

    /// <summary>The field's own spelling on this bag, matched case-insensitively; null when absent.</summary>
    public static string? Resolve(FieldBag bag, string name)
    {
        if (bag.HasField(name)) return name;
        foreach (var n in bag.FieldNames)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return n;
        return null;
    }

    /// <summary>A finite number for the field, or null (absent, not numeric, NaN or infinite).</summary>
    public static double? NumberOf(Sample sample, string field)
    {
        if (Resolve(sample, field) is { } own) return Finite(FieldValues.AsDouble(sample.GetField(own)));
        if (field.EndsWith(ConfidenceSuffix, StringComparison.OrdinalIgnoreCase)
            && Resolve(sample, field[..^ConfidenceSuffix.Length]) is { } labelField
            && sample.GetField(labelField) is Classification c)
            return Finite(c.Confidence);
        return null;
    }

    public static double? Finite(double? value) => value is { } d && double.IsFinite(d) ? d : null;

    /// <summary>Scalar attributes of a label (per-object mistakenness, flags, notes) as JSON-safe values.</summary>
    public static Dictionary<string, object>? ScalarAttributes(FieldBag bag)
    {
        Dictionary<string, object>? result = null;
        foreach (var name in bag.FieldNames)
        {
            object? value = bag.GetField(name) switch
            {
                string s => s,
                bool b => b,
                var v => Finite(FieldValues.AsDouble(v)),
            };
            if (value is null) continue;
            (result ??= new Dictionary<string, object>(StringComparer.Ordinal))[name] = value;
        }
        return result;
    }
}

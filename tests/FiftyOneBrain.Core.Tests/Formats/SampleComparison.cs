using System.Globalization;
using System.Text;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>A canonical text of a sample's content (media bytes, tags, fields, labels with attributes) for round-trip checks.</summary>
public static class SampleComparison
{
    public static string Describe(Sample s, bool withId = true, bool withTags = true)
    {
        var b = new StringBuilder();
        if (withId) b.Append("id=").Append(s.Id).Append(' ');
        b.Append("media=").Append(Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(File.ReadAllBytes(s.Filepath)))[..12]);
        if (withTags) b.Append(" tags=[").Append(string.Join(",", s.Tags)).Append(']');
        b.Append(" size=").Append(s.Metadata?.Width).Append('x').Append(s.Metadata?.Height);
        foreach (var name in s.FieldNames) b.Append(' ').Append(name).Append('=').Append(Value(s.GetField(name)));
        return b.ToString();
    }

    public static string Value(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        string s => '"' + s + '"',
        bool x => x ? "true" : "false",
        DateTime t => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        double[] a => "[" + string.Join(",", a.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        string[] a => "[" + string.Join(",", a) + "]",
        Classification c => $"Classification({c.Id},{c.Label},{c.Confidence?.ToString("R", CultureInfo.InvariantCulture)},{Value(c.Logits)}{Attributes(c)})",
        Detection d => $"Detection({d.Id},{d.Label},{Value(d.BoundingBox)},{d.Confidence?.ToString("R", CultureInfo.InvariantCulture)}{Attributes(d)})",
        Detections ds => "Detections(" + ds.Id + "," + string.Join(";", ds.Items.Select(Value)) + Attributes(ds) + ")",
        Classifications cs => "Classifications(" + cs.Id + "," + string.Join(";", cs.Items.Select(Value)) + ")",
        System.Collections.IDictionary dict => "{" + string.Join(",", dict.Keys.Cast<object>().Select(k => k + ":" + Value(dict[k]))) + "}",
        _ => v.GetType().Name + ":" + v,
    };

    private static string Attributes(FieldBag bag) => string.Concat(bag.FieldNames.Select(n => $",{n}={Value(bag.GetField(n))}"));
}

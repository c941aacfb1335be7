using System.Management.Automation;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Adapters;

/// <summary>
/// Reads samples and labels back from the objects ConvertFrom-Json gives for what ConvertTo-Json wrote (property
/// bags with the CLR properties plus the fields and attributes), so a sample round-trips through JSON.
/// </summary>
internal static class ObjectLabels
{
    private static readonly HashSet<string> SampleProperties = new(StringComparer.OrdinalIgnoreCase)
        { "Id", "Filepath", "Tags", "Metadata", "HasMetadata", "FieldNames" };

    private static readonly HashSet<string> LabelProperties = new(StringComparer.OrdinalIgnoreCase)
        { "Id", "TypeName", "FieldNames", "Label", "Confidence", "Logits", "BoundingBox", "Items", "Detections", "Classifications" };

    /// <summary>True for a property bag (PSCustomObject), the shape ConvertFrom-Json returns for a JSON object.</summary>
    public static bool IsPropertyBag(object? value) => value is PSObject { BaseObject: PSCustomObject };

    /// <summary>The label a property bag with a TypeName of Classification, Classifications, Detection or Detections describes, or null.</summary>
    public static LabelObject? TryRead(object? value)
    {
        if (!IsPropertyBag(value)) return null;
        var bag = (PSObject)value!;
        LabelObject? label = (Get(bag, "TypeName") as string) switch
        {
            "Classification" => new Classification { Label = Get(bag, "Label") as string, Confidence = Number(Get(bag, "Confidence")), Logits = Numbers(Get(bag, "Logits")) },
            "Detection" => new Detection
            {
                Label = Get(bag, "Label") as string, Confidence = Number(Get(bag, "Confidence")), Logits = Numbers(Get(bag, "Logits")),
                BoundingBox = Numbers(Get(bag, "BoundingBox")) ?? throw new ArgumentException("A Detection needs a BoundingBox."),
            },
            "Detections" => new Detections(Items(bag, "Detections").Cast<Detection>()),
            "Classifications" => new Classifications(Items(bag, "Classifications").Cast<Classification>()) { Logits = Numbers(Get(bag, "Logits")) },
            _ => null,
        };
        if (label is null) return null;
        if (Get(bag, "Id") is string id) label.Id = id;
        CopyFields(bag, label, LabelProperties);
        return label;
    }

    /// <summary>A sample from a property bag with a Filepath; its other properties (not the CLR ones) become fields.</summary>
    public static Sample ReadSample(PSObject bag, string filepath)
    {
        var sample = new Sample(filepath, Get(bag, "Id") as string);
        if (FieldConversion.FromPowerShell(Get(bag, "Tags")) is { } tags)
            sample.Tags.AddRange(tags is string[] names ? names : [Convert.ToString(tags, System.Globalization.CultureInfo.InvariantCulture)!]);
        if (IsPropertyBag(Get(bag, "Metadata")))
        {
            var m = (PSObject)Get(bag, "Metadata")!;
            sample.Metadata = new ImageMetadata((int)(Number(Get(m, "Width")) ?? 0), (int)(Number(Get(m, "Height")) ?? 0),
                (long)(Number(Get(m, "SizeBytes")) ?? 0), Get(m, "MimeType") as string, (int)(Number(Get(m, "NumChannels")) ?? 0));
        }
        CopyFields(bag, sample, SampleProperties);
        return sample;
    }

    private static void CopyFields(PSObject bag, FieldBag target, HashSet<string> builtIn)
    {
        foreach (var p in bag.Properties)
            if (!builtIn.Contains(p.Name)) target.SetField(p.Name, FieldConversion.FromPowerShell(p.Value));
    }

    /// <summary>The items under the alias (what ConvertTo-Json writes in full), else under Items.</summary>
    private static IEnumerable<LabelObject> Items(PSObject bag, string alias)
    {
        var list = Get(bag, alias) ?? Get(bag, "Items");
        if (list is PSObject ps) list = ps.BaseObject;
        if (list is not System.Collections.IEnumerable items) yield break;
        foreach (var item in items)
            yield return TryRead(item is PSObject ? item : PSObject.AsPSObject(item!))
                         ?? throw new ArgumentException($"An item of '{alias}' is not a {alias.TrimEnd('s')}.");
    }

    private static object? Get(PSObject bag, string name)
    {
        var value = bag.Properties[name]?.Value;
        return value is PSObject { BaseObject: not PSCustomObject } ps ? ps.BaseObject : value;
    }

    private static double? Number(object? value) => FieldConversion.FromPowerShell(value) switch
    {
        double d => d,
        long l => l,
        _ => null,
    };

    private static double[]? Numbers(object? value) => FieldConversion.FromPowerShell(value) switch
    {
        double[] d => d,
        object[] { Length: 0 } => Array.Empty<double>(),
        _ => null,
    };
}

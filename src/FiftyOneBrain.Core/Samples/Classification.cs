namespace FiftyOneBrain.Samples;

/// <summary>A class label with an optional confidence and logits (FiftyOne's fo.Classification).</summary>
public sealed class Classification : LabelObject
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "Id", "Label", "Confidence", "Logits", "TypeName", "FieldNames" };

    public Classification() { }
    public Classification(string label, double? confidence = null, double[]? logits = null)
    {
        Label = label;
        Confidence = confidence;
        Logits = logits;
    }

    public string? Label { get; set; }
    public double? Confidence { get; set; }
    public double[]? Logits { get; set; }

    public override string TypeName => "Classification";
    protected override bool IsReservedName(string name) => Reserved.Contains(name);

    public override LabelObject Clone() =>
        CloneInto(new Classification { Label = Label, Confidence = Confidence, Logits = (double[]?)Logits?.Clone() });

    public override string ToString() => Label ?? string.Empty;
}

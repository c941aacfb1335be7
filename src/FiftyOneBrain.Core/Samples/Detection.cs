namespace FiftyOneBrain.Samples;

/// <summary>One object: label and box [x, y, w, h] relative to image size in 0..1 (FiftyOne's fo.Detection).</summary>
public sealed class Detection : LabelObject
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "Id", "Label", "BoundingBox", "Confidence", "Logits", "TypeName", "FieldNames" };

    public Detection() { }
    public Detection(string label, double[] boundingBox, double? confidence = null)
    {
        Label = label;
        BoundingBox = boundingBox;
        Confidence = confidence;
    }

    public string? Label { get; set; }

    private double[] _box = new double[4];
    public double[] BoundingBox
    {
        get => _box;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != 4) throw new ArgumentException("A bounding box is [x, y, width, height].", nameof(value));
            _box = value;
        }
    }

    public double? Confidence { get; set; }
    public double[]? Logits { get; set; }

    public override string TypeName => "Detection";
    protected override bool IsReservedName(string name) => Reserved.Contains(name);

    public override LabelObject Clone() => CloneInto(new Detection
    {
        Label = Label, BoundingBox = (double[])BoundingBox.Clone(), Confidence = Confidence, Logits = (double[]?)Logits?.Clone(),
    });

    public override string ToString() => $"{Label} [{string.Join(", ", BoundingBox.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))}]";
}

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

    /// <summary>
    /// Checks a box the way FiftyOne accepts them: any finite [x, y, width, height] with a positive width and height.
    /// A box may reach past the image edges (detectors emit such boxes; scoring clips nothing and IoU still works).
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite, or the width or height is not positive; the message names it.</exception>
    public static void CheckBoundingBox(IReadOnlyList<double> box)
    {
        ArgumentNullException.ThrowIfNull(box);
        if (box.Count != 4) throw new ArgumentException($"A bounding box is [x, y, width, height]; got {box.Count} value(s).", nameof(box));
        string[] names = ["x", "y", "width", "height"];
        for (var i = 0; i < 4; i++)
            if (!double.IsFinite(box[i]))
                throw new ArgumentException($"The bounding box {names[i]} is {Format(box[i])}; every value must be a finite number.", nameof(box));
        for (var i = 2; i < 4; i++)
            if (box[i] <= 0)
                throw new ArgumentException($"The bounding box {names[i]} is {Format(box[i])}; width and height must be positive.", nameof(box));
    }

    private static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override string TypeName => "Detection";
    protected override bool IsReservedName(string name) => Reserved.Contains(name);

    public override LabelObject Clone() => CloneInto(new Detection
    {
        Label = Label, BoundingBox = (double[])BoundingBox.Clone(), Confidence = Confidence, Logits = (double[]?)Logits?.Clone(),
    });

    public override string ToString() => $"{Label} [{string.Join(", ", BoundingBox.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))}]";
}

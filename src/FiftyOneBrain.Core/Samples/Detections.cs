namespace FiftyOneBrain.Samples;

/// <summary>The objects of one sample (FiftyOne's fo.Detections).</summary>
public sealed class Detections : LabelObject
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "Id", "Detections", "Items", "TypeName", "FieldNames" };

    public Detections() { }
    public Detections(IEnumerable<Detection> items) => Items.AddRange(items);

    public List<Detection> Items { get; } = new();

    public override string TypeName => "Detections";
    protected override bool IsReservedName(string name) => Reserved.Contains(name);

    public override LabelObject Clone()
    {
        var copy = new Detections();
        copy.Items.AddRange(Items.Select(d => (Detection)d.Clone()));
        return CloneInto(copy);
    }

    public override string ToString() => $"{Items.Count} object(s)";
}

namespace FiftyOneBrain.Samples;

/// <summary>Several class labels on one sample (multilabel; FiftyOne's fo.Classifications).</summary>
public sealed class Classifications : LabelObject
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "Id", "Classifications", "Logits", "TypeName", "FieldNames" };

    public Classifications() { }
    public Classifications(IEnumerable<Classification> items) => Items.AddRange(items);

    /// <summary>Named like FiftyOne's list attribute so `$s.tags.Classifications` reads naturally.</summary>
    public List<Classification> Items { get; } = new();
    public double[]? Logits { get; set; }

    public override string TypeName => "Classifications";
    protected override bool IsReservedName(string name) => Reserved.Contains(name);

    public override LabelObject Clone()
    {
        var copy = new Classifications { Logits = (double[]?)Logits?.Clone() };
        copy.Items.AddRange(Items.Select(c => (Classification)c.Clone()));
        return CloneInto(copy);
    }

    public override string ToString() => string.Join(", ", Items.Select(c => c.Label));
}

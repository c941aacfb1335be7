using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Noise;

public sealed record LabelNoiseOptions
{
    public string LabelField { get; init; } = "ground_truth";
    /// <summary>Share of the processed samples whose label is replaced, 0..1.</summary>
    public double Fraction { get; init; } = 0.2;
    /// <summary>How many samples to process (picked at random); null = all.</summary>
    public int? Count { get; init; }
    public int Seed { get; init; } = 51;
    public string MistakeTag { get; init; } = "mistake";
    public string ProcessedTag { get; init; } = "processed";
    /// <summary>Where the label before injection is kept, for auditing.</summary>
    public string OriginalField => LabelField + "_original";
}

public sealed record LabelNoiseReport(int Processed, int Mistakes, IReadOnlyList<string> Classes);

/// <summary>
/// Seeded label-noise injection, as in FiftyOne's label-mistake walkthrough: of the processed
/// samples, a fixed share gets a different class drawn uniformly from the other classes.
/// </summary>
public static class LabelNoise
{
    /// <param name="samples">Samples whose label field holds a Classification with a label.</param>
    /// <param name="classes">The class list to draw from; null = the labels present in <paramref name="samples"/>.</param>
    public static LabelNoiseReport Inject(IReadOnlyList<Sample> samples, LabelNoiseOptions options, IReadOnlyList<string>? classes = null)
    {
        if (options.Fraction is < 0 or > 1 || double.IsNaN(options.Fraction))
            throw new ArgumentOutOfRangeException(nameof(options), "Fraction must be between 0 and 1.");
        foreach (var s in samples)
            if (LabelOf(s, options.LabelField) is null)
                throw new ArgumentException($"Sample {s.Id} ({s.Filepath}) has no Classification label in field '{options.LabelField}'.");

        var classList = classes ?? samples.Select(s => LabelOf(s, options.LabelField)!.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var count = Math.Min(options.Count ?? samples.Count, samples.Count);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(options), "Count must not be negative.");
        var mistakes = (int)Math.Round(options.Fraction * count, MidpointRounding.AwayFromZero);
        if (mistakes > 0 && classList.Count < 2)
            throw new ArgumentException("Label noise needs at least two classes to swap between.");

        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, samples.Count).ToArray();
        random.Shuffle(order);
        for (var k = 0; k < count; k++)
        {
            var sample = samples[order[k]];
            var label = LabelOf(sample, options.LabelField)!;
            // The copy is a new label: FiftyOne gives every label its own id, and two fields sharing one confuse lookups by id.
            var original = label.Clone();
            original.Id = ObjectId.New();
            sample.SetField(options.OriginalField, original);
            AddTag(sample, options.ProcessedTag);
            if (k >= mistakes) continue;
            // Draw among the other classes so every injected label is really wrong.
            var others = classList.Where(c => c != label.Label).ToList();
            label.Label = others[random.Next(others.Count)];
            label.Confidence = null;
            label.Logits = null;
            AddTag(sample, options.MistakeTag);
        }
        return new LabelNoiseReport(count, mistakes, classList);
    }

    private static Classification? LabelOf(Sample s, string field) =>
        s.GetField(field) is Classification { Label: not null } c ? c : null;

    private static void AddTag(Sample s, string tag)
    {
        if (!s.Tags.Contains(tag)) s.Tags.Add(tag);
    }
}

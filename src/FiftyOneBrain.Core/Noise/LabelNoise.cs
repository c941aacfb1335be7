using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Noise;

/// <summary>How injected labels are drawn.</summary>
public enum LabelNoiseMode
{
    /// <summary>A share of the samples gets a class drawn uniformly from the other classes.</summary>
    Uniform,
    /// <summary>Each class with a partner loses a share of its samples to that one partner (the confusions annotators make).</summary>
    Asymmetric,
    /// <summary>A K x K transition matrix: of the samples truly of class i, the share T[i][j] is labelled j.</summary>
    Matrix,
}

public sealed record LabelNoiseOptions
{
    public string LabelField { get; init; } = "ground_truth";
    public LabelNoiseMode Mode { get; init; } = LabelNoiseMode.Uniform;
    /// <summary>Share of the processed samples (Uniform) or of each paired class's processed samples (Asymmetric) whose label is replaced, 0..1.</summary>
    public double Fraction { get; init; } = 0.2;
    /// <summary>Asymmetric: the class each class is mislabelled as.</summary>
    public IReadOnlyDictionary<string, string>? Pairs { get; init; }
    /// <summary>Matrix: rows = true class, columns = given label, in the order of the class list; rows sum to 1.</summary>
    public double[][]? Matrix { get; init; }
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
/// Seeded label-noise injection, as in FiftyOne's label-mistake walkthrough, in three modes (see
/// <see cref="LabelNoiseMode"/>). Numbers of flips are exact, not sampled: round(share x count) per class
/// (Asymmetric, Matrix; Matrix rows rounded keeping their total) or of all processed samples (Uniform).
/// </summary>
public static class LabelNoise
{
    /// <param name="samples">Samples whose label field holds a Classification with a label.</param>
    /// <param name="classes">The class list (the Matrix's row order); null = the labels present in <paramref name="samples"/>, sorted.</param>
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

        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, samples.Count).ToArray();
        random.Shuffle(order);
        var processed = order.Take(count).Select(i => samples[i]).ToList();
        var flips = options.Mode switch
        {
            LabelNoiseMode.Uniform => UniformFlips(processed, options, classList, random),
            LabelNoiseMode.Asymmetric => PairFlips(processed, options, CheckPairs(options.Pairs)),
            LabelNoiseMode.Matrix => MatrixFlips(processed, options, classList, CheckMatrix(options.Matrix, classList.Count)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "Unknown noise mode."),
        };

        foreach (var sample in processed)
        {
            var label = LabelOf(sample, options.LabelField)!;
            // The copy is a new label: FiftyOne gives every label its own id, and two fields sharing one confuse lookups by id.
            var original = label.Clone();
            original.Id = ObjectId.New();
            sample.SetField(options.OriginalField, original);
            AddTag(sample, options.ProcessedTag);
            if (!flips.TryGetValue(sample, out var wrong)) continue;
            label.Label = wrong;
            label.Confidence = null;
            label.Logits = null;
            AddTag(sample, options.MistakeTag);
        }
        return new LabelNoiseReport(count, flips.Count, classList);
    }

    /// <summary>Each class's most frequent wrong prediction (confusion[true][predicted], in class order); classes never confused get no partner.</summary>
    public static Dictionary<string, string> PairsFromConfusion(IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<double>> confusion)
    {
        if (confusion.Count != classes.Count || confusion.Any(r => r.Count != classes.Count))
            throw new ArgumentException($"The confusion matrix must be {classes.Count} x {classes.Count}, one row and column per class.");
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Count; i++)
        {
            var best = -1;
            for (var j = 0; j < classes.Count; j++)
                if (j != i && confusion[i][j] > 0 && (best < 0 || confusion[i][j] > confusion[i][best])) best = j;
            if (best >= 0) pairs[classes[i]] = classes[best];
        }
        return pairs;
    }

    /// <summary>Confusion counts [true][predicted] of the samples' labels against a prediction field, in class order; samples without both are skipped.</summary>
    public static double[][] Confusion(IEnumerable<Sample> samples, string labelField, string predictionField, IReadOnlyList<string> classes)
    {
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var m = classes.Select(_ => new double[classes.Count]).ToArray();
        foreach (var s in samples)
            if (LabelOf(s, labelField)?.Label is { } t && LabelOf(s, predictionField)?.Label is { } p && index.TryGetValue(t, out var i) && index.TryGetValue(p, out var j))
                m[i][j]++;
        return m;
    }

    private static Dictionary<Sample, string> UniformFlips(List<Sample> processed, LabelNoiseOptions o, IReadOnlyList<string> classList, Random random)
    {
        var mistakes = (int)Math.Round(o.Fraction * processed.Count, MidpointRounding.AwayFromZero);
        if (mistakes > 0 && classList.Count < 2)
            throw new ArgumentException("Label noise needs at least two classes to swap between.");
        var flips = new Dictionary<Sample, string>();
        foreach (var sample in processed.Take(mistakes))
        {
            // Draw among the other classes so every injected label is really wrong.
            var label = LabelOf(sample, o.LabelField)!.Label;
            var others = classList.Where(c => c != label).ToList();
            flips[sample] = others[random.Next(others.Count)];
        }
        return flips;
    }

    private static Dictionary<Sample, string> PairFlips(List<Sample> processed, LabelNoiseOptions o, IReadOnlyDictionary<string, string> pairs)
    {
        var flips = new Dictionary<Sample, string>();
        foreach (var group in processed.GroupBy(s => LabelOf(s, o.LabelField)!.Label!, StringComparer.Ordinal))
        {
            if (!pairs.TryGetValue(group.Key, out var partner)) continue;
            var members = group.ToList();
            var n = (int)Math.Round(o.Fraction * members.Count, MidpointRounding.AwayFromZero);
            foreach (var s in members.Take(n)) flips[s] = partner;
        }
        return flips;
    }

    private static Dictionary<Sample, string> MatrixFlips(List<Sample> processed, LabelNoiseOptions o, IReadOnlyList<string> classList, double[][] matrix)
    {
        var index = classList.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var flips = new Dictionary<Sample, string>();
        foreach (var group in processed.GroupBy(s => LabelOf(s, o.LabelField)!.Label!, StringComparer.Ordinal))
        {
            if (!index.TryGetValue(group.Key, out var i))
                throw new ArgumentException($"Label '{group.Key}' is not one of the matrix's {classList.Count} classes ({string.Join(", ", classList)}).");
            var members = group.ToList();
            var counts = Brain.ConfidentLearning.RoundPreservingSum(matrix[i].Select(p => p * members.Count).ToArray());
            var next = 0;
            for (var j = 0; j < classList.Count; j++)
            {
                if (j == i) continue;
                for (var c = 0; c < counts[j]; c++) flips[members[next++]] = classList[j];
            }
        }
        return flips;
    }

    private static IReadOnlyDictionary<string, string> CheckPairs(IReadOnlyDictionary<string, string>? pairs)
    {
        if (pairs is null || pairs.Count == 0) throw new ArgumentException("Asymmetric noise needs pairs (class -> the class it is mislabelled as).");
        foreach (var (from, to) in pairs)
            if (string.Equals(from, to, StringComparison.Ordinal)) throw new ArgumentException($"Class '{from}' is paired with itself; a pair must name another class.");
        return pairs;
    }

    private static double[][] CheckMatrix(double[][]? matrix, int k)
    {
        if (matrix is null) throw new ArgumentException("Matrix noise needs a transition matrix.");
        if (k < 2 || matrix.Length != k || matrix.Any(r => r is null || r.Length != k))
            throw new ArgumentException($"The transition matrix must be {k} x {k} (one row and column per class, k >= 2).");
        for (var i = 0; i < k; i++)
        {
            if (matrix[i].Any(p => !(p >= 0 && p <= 1))) throw new ArgumentException($"Row {i} of the transition matrix has a value outside 0..1.");
            if (Math.Abs(matrix[i].Sum() - 1) > 1e-6) throw new ArgumentException($"Row {i} of the transition matrix sums to {matrix[i].Sum()}, not 1.");
        }
        return matrix;
    }

    private static Classification? LabelOf(Sample s, string field) =>
        s.GetField(field) is Classification { Label: not null } c ? c : null;

    private static void AddTag(Sample s, string tag)
    {
        if (!s.Tags.Contains(tag)) s.Tags.Add(tag);
    }
}

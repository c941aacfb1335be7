using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Noise;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

[Cmdlet(VerbsCommon.Add, "FoLabelNoise")]
[OutputType(typeof(Sample))]
public sealed class AddFoLabelNoiseCommand : SamplePipelineCommand
{
    private readonly List<Sample> _samples = new();

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelField { get; set; } = "ground_truth";

    [Parameter]
    public LabelNoiseMode Mode { get; set; } = LabelNoiseMode.Uniform;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Fraction { get; set; } = 0.2;

    /// <summary>Asymmetric: class -> the class it is mislabelled as, e.g. @{ Shirt = 'T-shirt/top' }.</summary>
    [Parameter]
    public System.Collections.Hashtable? Pairs { get; set; }

    /// <summary>Asymmetric without -Pairs: each class's partner is its most frequent wrong prediction in this field.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string? PredictionField { get; set; }

    /// <summary>Asymmetric without -Pairs: a K x K confusion [true][predicted] in -Classes order.</summary>
    [Parameter]
    public double[][]? Confusion { get; set; }

    /// <summary>Matrix: the K x K transition matrix [true][given] in -Classes order; rows sum to 1.</summary>
    [Parameter]
    public double[][]? Matrix { get; set; }

    /// <summary>The class order of -Matrix and -Confusion; default the labels present, sorted.</summary>
    [Parameter]
    public string[]? Classes { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Count { get; set; } = -1;

    [Parameter]
    public int Seed { get; set; } = 51;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string MistakeTag { get; set; } = "mistake";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ProcessedTag { get; set; } = "processed";

    private FieldPresence? _fields;

    protected override void ProcessRecord()
    {
        _fields ??= new FieldPresence(new[] { LabelField });
        foreach (var sample in InputObject) Collect(_fields.Pass(sample));
    }

    private void Collect(IReadOnlyList<Sample> ready)
    {
        if (ready.Count == 0) return;
        ThrowIfFieldAbsent(_fields!, nameof(LabelField));
        foreach (var sample in ready)
        {
            if (sample.GetField(LabelField) is Classification { Label: not null }) _samples.Add(sample);
            else WriteSampleError($"Sample {sample.Id} ({sample.Filepath}) has no Classification in field '{LabelField}'; it is left out.",
                "NoClassificationLabel", ErrorCategory.InvalidData, sample);
        }
    }

    protected override void EndProcessing()
    {
        if (_fields is not null)
        {
            Collect(_fields.Finish());
            WarnPartlyMissing(_fields, _ => "each was reported (NoClassificationLabel) and left out");
        }
        var classes = Classes ?? _samples.Select(s => ((Classification)s.GetField(LabelField)!).Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        IReadOnlyDictionary<string, string>? pairs = null;
        try { pairs = Mode == LabelNoiseMode.Asymmetric ? ResolvePairs(classes) : null; }
        catch (ArgumentException e) { ThrowRunError(e.Message, "LabelNoiseFailed", ErrorCategory.InvalidArgument); return; }
        if (pairs is not null) WriteVerbose("Pairs: " + string.Join("; ", pairs.Select(p => $"{p.Key} -> {p.Value}")));
        var options = new LabelNoiseOptions
        {
            LabelField = LabelField, Mode = Mode, Fraction = Fraction, Pairs = pairs, Matrix = Matrix, Count = Count >= 0 ? Count : null, Seed = Seed,
            MistakeTag = MistakeTag, ProcessedTag = ProcessedTag,
        };
        LabelNoiseReport report;
        try { report = LabelNoise.Inject(_samples, options, classes); }
        catch (ArgumentException e) { ThrowRunError(e.Message, "LabelNoiseFailed", ErrorCategory.InvalidArgument); return; }
        WriteVerbose($"Processed {report.Processed} of {_samples.Count} samples; replaced {report.Mistakes} labels ({Mode}) among {report.Classes.Count} classes (seed {Seed}). Originals are in '{options.OriginalField}'.");
        foreach (var s in _samples) WriteObject(s);
    }

    private IReadOnlyDictionary<string, string> ResolvePairs(string[] classes)
    {
        if (Pairs is not null)
            return Pairs.Cast<System.Collections.DictionaryEntry>().ToDictionary(
                e => e.Key?.ToString() ?? "", e => e.Value?.ToString() ?? "", StringComparer.Ordinal);
        if (Confusion is not null) return LabelNoise.PairsFromConfusion(classes, Confusion);
        if (PredictionField is not null) return LabelNoise.PairsFromConfusion(classes, LabelNoise.Confusion(_samples, LabelField, PredictionField, classes));
        throw new ArgumentException("-Mode Asymmetric needs -Pairs, -Confusion (with -Classes) or -PredictionField to know which class is mislabelled as which.");
    }
}

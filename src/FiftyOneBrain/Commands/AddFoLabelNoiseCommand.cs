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
    [ValidateRange(0.0, 1.0)]
    public double Fraction { get; set; } = 0.2;

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
        var options = new LabelNoiseOptions
        {
            LabelField = LabelField, Fraction = Fraction, Count = Count >= 0 ? Count : null, Seed = Seed,
            MistakeTag = MistakeTag, ProcessedTag = ProcessedTag,
        };
        LabelNoiseReport report;
        try { report = LabelNoise.Inject(_samples, options); }
        catch (ArgumentException e) { ThrowRunError(e.Message, "LabelNoiseFailed", ErrorCategory.InvalidArgument); return; }
        WriteVerbose($"Processed {report.Processed} of {_samples.Count} samples; replaced {report.Mistakes} labels among {report.Classes.Count} classes (seed {Seed}). Originals are in '{options.OriginalField}'.");
        foreach (var s in _samples) WriteObject(s);
    }
}

using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Sets hardness = H(softmax(logits)) on each sample as it streams by.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoHardness")]
[OutputType(typeof(Sample))]
public sealed class MeasureFoHardnessCommand : SamplePipelineCommand
{
    private readonly Stopwatch _watch = new();
    private long _scored, _failed;
    private FieldPresence _fields = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string PredictionField { get; set; } = "predictions";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string HardnessField { get; set; } = "hardness";

    protected override void BeginProcessing()
    {
        _fields = new FieldPresence(new[] { PredictionField });
        _watch.Start();
    }

    protected override void ProcessRecord()
    {
        foreach (var sample in InputObject) Score(_fields.Pass(sample));
    }

    private void Score(IReadOnlyList<Sample> ready)
    {
        if (ready.Count == 0) return;
        ThrowIfFieldAbsent(_fields, nameof(PredictionField));
        foreach (var sample in ready)
        {
            try
            {
                sample.SetField(HardnessField, Hardness.ScoreSample(sample, PredictionField));
                _scored++;
                WriteObject(sample);
            }
            catch (BrainInputException e)
            {
                _failed++;
                WriteSampleError(e.Message, e.ErrorId, ErrorCategory.InvalidData, sample);
            }
        }
    }

    protected override void EndProcessing()
    {
        Score(_fields.Finish());
        WarnPartlyMissing(_fields, _ => "each was reported (MissingPrediction) and left out");
        WriteVerbose($"Hardness: {_scored} sample(s) scored, {_failed} skipped, {_watch.Elapsed.TotalSeconds:F2} s.");
    }
}

using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Evaluation;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Scores how well each score field ranks the samples carrying a tag (e.g. injected mistakes) first.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoRanking")]
[OutputType(typeof(RankingQuality))]
public sealed class MeasureFoRankingCommand : SamplePipelineCommand
{
    private readonly List<Sample> _samples = new();

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[] ScoreField { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string PositiveTag { get; set; } = "mistake";

    protected override void ProcessRecord() => _samples.AddRange(InputObject);

    protected override void EndProcessing()
    {
        if (_samples.Count == 0) ThrowRunError("No samples came in to rank.", "NoSamples", ErrorCategory.InvalidArgument);
        var positive = _samples.Select(s => s.Tags.Contains(PositiveTag)).ToArray();
        foreach (var field in ScoreField)
        {
            var scores = new double[_samples.Count];
            var missing = 0;
            for (var i = 0; i < _samples.Count; i++)
            {
                var v = FieldValues.AsDouble(_samples[i].GetField(field));
                if (v is null) missing++;
                // A sample without the score ranks last, as a reviewer would never reach it.
                scores[i] = v ?? double.NegativeInfinity;
            }
            if (missing == _samples.Count)
            {
                WriteError(new ErrorRecord(new ArgumentException($"No sample has a numeric field '{field}'."), "ScoreFieldMissing", ErrorCategory.InvalidArgument, field));
                continue;
            }
            if (missing > 0) WriteWarning($"{missing} of {_samples.Count} samples have no '{field}'; they rank last.");
            var quality = RankingMetrics.Evaluate(field, scores, positive);
            WriteVerbose($"Ranked {quality.Samples} samples ({quality.Positives} tagged '{PositiveTag}') by '{field}': AUROC {quality.Auroc:F3}, precision@{quality.K} {quality.PrecisionAtK:F3}.");
            WriteObject(quality);
        }
    }
}

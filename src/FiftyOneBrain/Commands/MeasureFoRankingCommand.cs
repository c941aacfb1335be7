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
        var presence = FieldPresence.Of(_samples, ScoreField);
        ThrowIfFieldAbsent(presence, nameof(ScoreField));
        var positive = _samples.Select(s => s.Tags.Contains(PositiveTag)).ToArray();
        var positives = positive.Count(p => p);
        if (positives == 0 || positives == positive.Length)
            WriteWarning($"{(positives == 0 ? "No" : "Every")} sample of {positive.Length} is tagged '{PositiveTag}', so AUROC, precision and recall are undefined (NaN). " +
                         "Tag the known mistakes (Add-FoLabelNoise does) or pass the tag they carry with -PositiveTag.");
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
                // The field exists (checked above) but holds no number on any sample.
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

using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>How Find-FoMistake scores.</summary>
public enum MistakeMethod
{
    /// <summary>FiftyOne's mistakenness: per sample, streams.</summary>
    FiftyOne,
    /// <summary>Confident learning over all samples (buffers them); wants out-of-sample predictions.</summary>
    ConfidentLearning,
}

/// <summary>
/// Scores how likely each ground-truth label is a mistake, with FiftyOne's mistakenness (classification,
/// multilabel, detections) or with confident learning, and passes the samples on with the fields set.
/// </summary>
[Cmdlet(VerbsCommon.Find, "FoMistake")]
[OutputType(typeof(Sample))]
public sealed class FindFoMistakeCommand : SamplePipelineCommand
{
    private readonly List<Sample> _buffer = new();
    private readonly Stopwatch _watch = new();
    private MistakennessOptions _options = new();
    private FieldPresence _fields = null!;
    private long _scored, _failed;

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelField { get; set; } = "ground_truth";

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string PredictionField { get; set; } = "predictions";

    [Parameter]
    public SwitchParameter UseLogits { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string MistakennessField { get; set; } = "mistakenness";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string MissingField { get; set; } = "possible_missing";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string SpuriousField { get; set; } = "possible_spurious";

    [Parameter]
    public double IouThreshold { get; set; } = 0.5;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MissingConfidence { get; set; } = 0.95;

    [Parameter]
    public SwitchParameter CopyMissing { get; set; }

    [Parameter]
    public MistakeMethod Method { get; set; } = MistakeMethod.FiftyOne;

    /// <summary>Confident learning: class names in logit order (inferred from the predictions when omitted).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Classes { get; set; }

    /// <summary>Confident learning: the score that becomes mistakenness (1 - score).</summary>
    [Parameter]
    public ConfidentLearningRanking RankBy { get; set; } = ConfidentLearningRanking.SelfConfidence;

    /// <summary>Confident learning: the boolean field marking label issues.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelIssueField { get; set; } = "label_issue";

    protected override void BeginProcessing()
    {
        _options = new MistakennessOptions
        {
            LabelField = LabelField, PredictionField = PredictionField, UseLogits = UseLogits, MistakennessField = MistakennessField,
            MissingField = MissingField, SpuriousField = SpuriousField, IouThreshold = IouThreshold,
            MissingConfidence = MissingConfidence, CopyMissing = CopyMissing,
        };
        try { _options.Validate(); }
        catch (ArgumentException e) { ThrowTerminatingError(new ErrorRecord(e, "InvalidThreshold", ErrorCategory.InvalidArgument, null)); }
        _fields = new FieldPresence(new[] { LabelField, PredictionField });
        _watch.Start();
    }

    protected override void ProcessRecord()
    {
        if (Method == MistakeMethod.ConfidentLearning)
        {
            _buffer.AddRange(InputObject);
            return;
        }
        foreach (var sample in InputObject) Score(_fields.Pass(sample));
    }

    private void Score(IReadOnlyList<Sample> ready)
    {
        if (ready.Count == 0) return;
        ThrowIfFieldAbsent(_fields, FieldParameter(_fields.Absent));
        foreach (var sample in ready)
        {
            try
            {
                Mistakenness.Apply(sample, _options);
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

    private string FieldParameter(string? field) => field == LabelField ? nameof(LabelField) : nameof(PredictionField);

    protected override void EndProcessing()
    {
        if (Method == MistakeMethod.ConfidentLearning) RunConfidentLearning();
        else
        {
            Score(_fields.Finish());
            WarnPartlyMissing(_fields, field => field == PredictionField
                ? "they have no prediction and score 1 (FiftyOne's rule)"
                : "they have no ground truth and were scored as agreeing with the prediction (FiftyOne's rule)");
        }
        WriteVerbose($"Mistakenness ({Method}): {_scored} sample(s) scored, {_failed} skipped, {_watch.Elapsed.TotalSeconds:F2} s.");
    }

    private void RunConfidentLearning()
    {
        if (_buffer.Count == 0) return;
        var presence = FieldPresence.Of(_buffer, LabelField, PredictionField);
        ThrowIfFieldAbsent(presence, FieldParameter(presence.Absent));
        WriteProgress(new ProgressRecord(1, "Find-FoMistake", $"Confident learning over {_buffer.Count} samples") { PercentComplete = -1 });
        ConfidentLearningRun run;
        try
        {
            run = ConfidentLearningScorer.Run(_buffer, new ConfidentLearningOptions
            {
                LabelField = LabelField, PredictionField = PredictionField, MistakennessField = MistakennessField,
                LabelIssueField = LabelIssueField, RankBy = RankBy, Classes = Classes,
            });
        }
        catch (BrainInputException e)
        {
            ThrowRunError(e.Message, e.ErrorId, ErrorCategory.InvalidData);
            return;
        }
        foreach (var (sample, error) in run.Rejected) WriteSampleError(error.Message, error.ErrorId, ErrorCategory.InvalidData, sample);
        _failed = run.Rejected.Count;
        _scored = run.Scored.Count;
        WriteVerbose($"Confident learning: {run.Classes.Count} classes, {run.Result.IssueCount} label issue(s); per-class thresholds " +
                     string.Join(", ", run.Classes.Select((c, i) => $"{c}={run.Result.Thresholds[i]:0.###}")) + ".");
        WriteProgress(new ProgressRecord(1, "Find-FoMistake", "Done") { RecordType = ProgressRecordType.Completed });
        foreach (var sample in run.Scored) WriteObject(sample);
    }
}

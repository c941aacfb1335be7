using System.Management.Automation;
using FiftyOneBrain.Labels;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Acts on label-mistake findings: samples flagged by a boolean field (label_issue), a score above a threshold
/// or a filter are removed from the stream or relabeled with their predicted class. The counts go to the
/// information stream (a LabelRepairSummary, tag Summary) so the samples stay the only output.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "FoLabel", SupportsShouldProcess = true, DefaultParameterSetName = FlagSet)]
[OutputType(typeof(Sample))]
public sealed class RepairFoLabelCommand : SamplePipelineCommand
{
    private const string FlagSet = "Flag";
    private const string ScoreSet = "Score";
    private const string FilterSet = "Filter";

    [Parameter(Mandatory = true, Position = 0)]
    public LabelRepairAction Action { get; set; }

    /// <summary>A boolean field that marks the samples to act on (Find-FoMistake -Method ConfidentLearning writes label_issue).</summary>
    [Parameter(ParameterSetName = FlagSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string Flag { get; set; } = "label_issue";

    [Parameter(Mandatory = true, ParameterSetName = ScoreSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string ScoreField { get; set; } = "";

    /// <summary>Samples whose score is greater than this are acted on.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScoreSet)]
    public double Above { get; set; }

    /// <summary>A script block run with $_ = the sample; true = act on it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FilterSet)]
    public ScriptBlock Filter { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelField { get; set; } = "ground_truth";

    /// <summary>Relabel: the prediction whose class becomes the label (out-of-sample predictions are best).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string PredictionField { get; set; } = "predictions";

    /// <summary>Relabel only where the prediction's confidence is at least this.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinConfidence { get; set; } = DefaultMinConfidence;

    /// <summary>The default -MinConfidence.</summary>
    public const double DefaultMinConfidence = LabelRepairOptions.DefaultMinConfidence;

    /// <summary>Relabel: a flagged sample below -MinConfidence is removed (Remove) or kept as it is (Relabel).</summary>
    [Parameter]
    public LabelRepairAction Unsure { get; set; } = LabelRepairAction.Remove;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string RelabeledTag { get; set; } = "relabeled";

    /// <summary>Where a relabeled sample keeps its old label; default &lt;LabelField&gt;_original.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OriginalField { get; set; }

    private LabelRepairOptions _options = null!;
    private FieldPresence? _fields;
    private readonly List<(LabelRepairDecision, bool)> _decisions = new();

    protected override void BeginProcessing()
    {
        _options = new LabelRepairOptions
        {
            LabelField = LabelField, PredictionField = PredictionField, Action = Action, MinConfidence = MinConfidence,
            Unsure = Unsure, RelabeledTag = RelabeledTag, OriginalField = OriginalField,
        };
        var checkedFields = new List<string> { LabelField };
        if (ParameterSetName == FlagSet) checkedFields.Add(Flag);
        if (ParameterSetName == ScoreSet) checkedFields.Add(ScoreField);
        if (Action == LabelRepairAction.Relabel) checkedFields.Add(PredictionField);
        _fields = new FieldPresence(checkedFields);
    }

    protected override void ProcessRecord()
    {
        foreach (var sample in InputObject) Handle(_fields!.Pass(sample));
    }

    protected override void EndProcessing()
    {
        Handle(_fields!.Finish());
        WarnPartlyMissing(_fields, f => f == LabelField || f == PredictionField ? "flagged ones could not be relabeled" : "they were taken as not flagged");
        var summary = LabelRepair.Summarize(_decisions, whatIf: _declined);
        WriteVerbose(summary.ToString());
        WriteInformation(new InformationRecord(summary, MyInvocation.MyCommand.Name) { Tags = { "Summary" } });
    }

    private bool _declined;

    private void Handle(IReadOnlyList<Sample> ready)
    {
        if (ready.Count == 0) return;
        if (_fields!.Absent == Flag && ParameterSetName == FlagSet) ThrowIfFieldAbsent(_fields, nameof(Flag));
        if (_fields.Absent == ScoreField && ParameterSetName == ScoreSet) ThrowIfFieldAbsent(_fields, nameof(ScoreField));
        if (_fields.Absent == LabelField) ThrowIfFieldAbsent(_fields, nameof(LabelField));
        if (_fields.Absent == PredictionField && Action == LabelRepairAction.Relabel) ThrowIfFieldAbsent(_fields, nameof(PredictionField));
        foreach (var sample in ready)
        {
            var flagged = IsFlagged(sample);
            LabelRepairDecision decision;
            try { decision = LabelRepair.Decide(sample, flagged, _options); }
            catch (ArgumentException e)
            {
                WriteSampleError(e, "NoPrediction", sample);
                WriteObject(sample);
                continue;
            }
            _decisions.Add((decision, flagged));
            if (decision.Outcome is LabelRepairOutcome.Kept or LabelRepairOutcome.Unsure) { WriteObject(sample); continue; }
            var what = decision.Outcome == LabelRepairOutcome.Removed
                ? $"Remove from the stream (label '{decision.OldLabel}')"
                : $"Relabel '{decision.OldLabel}' -> '{decision.NewLabel}' (confidence {decision.Confidence:0.000})";
            if (ShouldProcess(sample.Filepath, what))
            {
                LabelRepair.Apply(decision, _options);
                if (decision.Passes) WriteObject(sample);
            }
            else
            {
                _declined = true;
                WriteObject(sample); // -WhatIf: nothing changes, so the sample flows on as it came
            }
        }
    }

    private bool IsFlagged(Sample sample) => ParameterSetName switch
    {
        FlagSet => sample.GetField(Flag) is { } v && LanguagePrimitives.IsTrue(v),
        ScoreSet => sample.GetField(ScoreField) is { } v && LanguagePrimitives.TryConvertTo<double>(v, out var score) && score > Above,
        _ => LanguagePrimitives.IsTrue(Filter.InvokeWithContext(null, new List<PSVariable> { new("_", sample), new("PSItem", sample) })),
    };
}

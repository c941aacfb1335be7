using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Gates;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>A CI gate over scored samples: summary object out, and with -Fail a terminating error naming the worst samples.</summary>
[Cmdlet(VerbsDiagnostic.Test, "FoDataset")]
[OutputType(typeof(GateResult))]
public sealed class TestFoDatasetCommand : SamplePipelineCommand
{
    private readonly List<Sample> _samples = new();

    [Parameter]
    public double MaxMistakenness { get; set; } = double.NaN;

    [Parameter]
    public double MaxHardness { get; set; } = double.NaN;

    [Parameter]
    public double MinUniqueness { get; set; } = double.NaN;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string MistakennessField { get; set; } = "mistakenness";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string HardnessField { get; set; } = "hardness";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string UniquenessField { get; set; } = "uniqueness";

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxCount { get; set; }

    [Parameter]
    public SwitchParameter Fail { get; set; }

    protected override void ProcessRecord() => _samples.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var checks = new List<GateCheck>();
        if (!double.IsNaN(MaxMistakenness)) checks.Add(new GateCheck(MistakennessField, Max: MaxMistakenness));
        if (!double.IsNaN(MaxHardness)) checks.Add(new GateCheck(HardnessField, Max: MaxHardness));
        if (!double.IsNaN(MinUniqueness)) checks.Add(new GateCheck(UniquenessField, Min: MinUniqueness));
        if (checks.Count == 0)
            ThrowRunError("Give at least one bound: -MaxMistakenness, -MaxHardness or -MinUniqueness.", "NoGateBound", ErrorCategory.InvalidArgument);

        var presence = FieldPresence.Of(_samples, checks.Select(c => c.Field).ToArray());
        ThrowIfFieldAbsent(presence, presence.Absent == MistakennessField ? nameof(MistakennessField)
            : presence.Absent == HardnessField ? nameof(HardnessField) : nameof(UniquenessField));
        var result = DatasetGate.Evaluate(_samples, checks, MaxCount);
        WarnPartlyMissing(presence, _ => "those samples were not checked on it (run the scoring cmdlet on them first)");
        WriteVerbose(result.Summary);
        WriteObject(result);
        if (Fail && !result.Passed)
            ThrowRunError(result.Summary, "DatasetGateFailed", ErrorCategory.LimitsExceeded, result);
    }
}

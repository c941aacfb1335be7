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

    /// <summary>Most samples allowed tagged 'duplicate' or with a duplicate_of (Find-FoDuplicate).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxDuplicates { get; set; }

    /// <summary>Most samples allowed with leak = true (Find-FoLeak).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxLeaks { get; set; }

    /// <summary>Most samples allowed with a non-empty image_issues list (Measure-FoImageQuality).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxImageIssues { get; set; }

    [Parameter]
    public SwitchParameter Fail { get; set; }

    protected override void ProcessRecord() => _samples.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var checks = new List<GateCheck>();
        if (!double.IsNaN(MaxMistakenness)) checks.Add(new GateCheck(MistakennessField, Max: MaxMistakenness));
        if (!double.IsNaN(MaxHardness)) checks.Add(new GateCheck(HardnessField, Max: MaxHardness));
        if (!double.IsNaN(MinUniqueness)) checks.Add(new GateCheck(UniquenessField, Min: MinUniqueness));
        var flags = new List<FlagCheck>();
        if (MaxDuplicates is { } duplicates) flags.Add(FlagCheck.Duplicates(duplicates));
        if (MaxLeaks is { } leaks) flags.Add(FlagCheck.Leaks(leaks));
        if (MaxImageIssues is { } issues) flags.Add(FlagCheck.ImageIssues(issues));
        if (checks.Count == 0 && flags.Count == 0)
            ThrowRunError("Give at least one bound: -MaxMistakenness, -MaxHardness, -MinUniqueness, -MaxDuplicates, -MaxLeaks or -MaxImageIssues.", "NoGateBound", ErrorCategory.InvalidArgument);

        var presence = FieldPresence.Of(_samples, checks.Select(c => c.Field).ToArray());
        if (checks.Count > 0)
            ThrowIfFieldAbsent(presence, presence.Absent == MistakennessField ? nameof(MistakennessField)
                : presence.Absent == HardnessField ? nameof(HardnessField) : nameof(UniquenessField));
        WarnUnflagged();
        var result = DatasetGate.Evaluate(_samples, checks, MaxCount, flags: flags);
        if (checks.Count > 0) WarnPartlyMissing(presence, _ => "those samples were not checked on it (run the scoring cmdlet on them first)");
        WriteVerbose(result.Summary);
        WriteObject(result);
        if (Fail && !result.Passed)
            ThrowRunError(result.Summary, "DatasetGateFailed", ErrorCategory.LimitsExceeded, result);
    }

    /// <summary>A flag field no sample has most likely means its cmdlet was not run: say so rather than pass silently.</summary>
    private void WarnUnflagged()
    {
        void Check(bool asked, string field, string producer)
        {
            if (asked && _samples.Count > 0 && _samples.All(s => !s.HasField(field)))
                WriteWarning($"No sample has the field '{field}': nothing was counted for it (run {producer} first).");
        }
        Check(MaxLeaks is not null, "leak", "Find-FoLeak");
        Check(MaxImageIssues is not null, "image_issues", "Measure-FoImageQuality");
    }
}

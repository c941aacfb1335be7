using System.Management.Automation;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "FoClassification")]
[OutputType(typeof(Classification))]
public sealed class NewFoClassificationCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Label { get; set; } = "";

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Confidence { get; set; } = double.NaN;

    [Parameter]
    public double[]? Logits { get; set; }

    protected override void ProcessRecord()
    {
        if (Logits is not null && Logits.Any(v => !double.IsFinite(v)))
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Logits must be finite numbers."), "NonFiniteLogits", ErrorCategory.InvalidArgument, Logits));
        WriteObject(new Classification(Label, double.IsNaN(Confidence) ? null : Confidence, Logits));
    }
}

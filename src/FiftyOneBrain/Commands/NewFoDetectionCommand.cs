using System.Management.Automation;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "FoDetection")]
[OutputType(typeof(Detection))]
public sealed class NewFoDetectionCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Label { get; set; } = "";

    /// <summary>[x, y, width, height] relative to the image; any finite values with a positive width and height.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateCount(4, 4)]
    public double[] BoundingBox { get; set; } = Array.Empty<double>();

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Confidence { get; set; } = double.NaN;

    [Parameter]
    public double[]? Logits { get; set; }

    protected override void ProcessRecord()
    {
        try { Detection.CheckBoundingBox(BoundingBox); }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(e.Message), "InvalidBoundingBox", ErrorCategory.InvalidArgument, BoundingBox));
        }
        WriteObject(new Detection(Label, BoundingBox, double.IsNaN(Confidence) ? null : Confidence) { Logits = Logits });
    }
}

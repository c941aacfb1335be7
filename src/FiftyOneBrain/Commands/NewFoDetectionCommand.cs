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

    /// <summary>[x, y, width, height] relative to the image, each in 0..1.</summary>
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
        if (BoundingBox.Any(v => v < 0 || v > 1 || double.IsNaN(v)) || BoundingBox[0] + BoundingBox[2] > 1.0000001 || BoundingBox[1] + BoundingBox[3] > 1.0000001)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("BoundingBox is [x, y, width, height] relative to the image: every value in 0..1 and the box inside the image."),
                "InvalidBoundingBox", ErrorCategory.InvalidArgument, BoundingBox));
        WriteObject(new Detection(Label, BoundingBox, double.IsNaN(Confidence) ? null : Confidence) { Logits = Logits });
    }
}

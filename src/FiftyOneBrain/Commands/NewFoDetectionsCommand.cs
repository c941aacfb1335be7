using System.Management.Automation;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "FoDetections")]
[OutputType(typeof(Detections))]
public sealed class NewFoDetectionsCommand : PSCmdlet
{
    private readonly List<Detection> _items = new();

    [Parameter(Position = 0, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public Detection[] Detection { get; set; } = Array.Empty<Detection>();

    protected override void ProcessRecord() => _items.AddRange(Detection);

    protected override void EndProcessing() => WriteObject(new Detections(_items));
}

using System.Management.Automation;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Completion;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Lists the named models the module ships, or describes one named model or model file (.fomodel, .onnx).</summary>
[Cmdlet(VerbsCommon.Get, "FoModel")]
[OutputType(typeof(ModelInfo))]
public sealed class GetFoModelCommand : PSCmdlet
{
    /// <summary>A model name, or the path of a .fomodel or .onnx file; without it every named model is listed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelCompleter))]
    public string? Model { get; set; }

    protected override void ProcessRecord()
    {
        if (Model is null)
        {
            foreach (var named in ModelCatalog.All) WriteObject(ModelInfo.Of(named));
            return;
        }
        if (ModelCatalog.TryGet(Model, out var model))
        {
            WriteObject(ModelInfo.Of(model));
            return;
        }
        var path = GetUnresolvedProviderPathFromPSPath(Model);
        using var loaded = ModelCommandSupport.LoadModel(this, path);
        WriteObject(ModelInfo.Of(loaded, path));
    }
}

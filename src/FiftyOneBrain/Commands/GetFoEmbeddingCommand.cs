using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Models;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Writes each sample's embedding (SimpleResNet: the global max-pool of the last layer; ONNX: the chosen output) to a field.</summary>
[Cmdlet(VerbsCommon.Get, "FoEmbedding")]
[OutputType(typeof(Sample))]
public sealed class GetFoEmbeddingCommand : BatchedInferenceCommand
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string EmbeddingField { get; set; } = "embedding";

    protected override InferenceOutputs Outputs => InferenceOutputs.Embeddings;
    protected override string Activity => "Computing embeddings";

    protected override void ValidateParameters() => ModelCommandSupport.RequireFieldName(this, EmbeddingField, nameof(EmbeddingField));

    protected override void Apply(IImageModel model, SampleOutputs outputs) => outputs.Sample.SetField(EmbeddingField, outputs.Embedding);
}

using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Models;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Classifies each sample: a Classification {Label, Confidence, Logits} in the prediction field.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "FoModel")]
[OutputType(typeof(Sample))]
public sealed class InvokeFoModelCommand : BatchedInferenceCommand
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string PredictionField { get; set; } = "predictions";

    /// <summary>Also keep the raw logits (needed by Measure-FoHardness and Find-FoMistake -UseLogits).</summary>
    [Parameter]
    public SwitchParameter StoreLogits { get; set; }

    /// <summary>Class names of an ONNX classifier in logit order (a .onnx.json sidecar may list them instead).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Classes { get; set; }

    protected override IReadOnlyList<string>? ModelClasses => Classes;

    protected override InferenceOutputs Outputs => InferenceOutputs.Logits;
    protected override string Activity => "Classifying images";

    protected override void ValidateParameters() => ModelCommandSupport.RequireFieldName(this, PredictionField, nameof(PredictionField));

    protected override void Apply(IImageModel model, SampleOutputs outputs) =>
        outputs.Sample.SetField(PredictionField, Prediction.FromLogits(outputs.Logits, model.Classes, StoreLogits));
}

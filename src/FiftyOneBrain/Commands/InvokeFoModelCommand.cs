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

    protected override InferenceOutputs Outputs => InferenceOutputs.Logits;
    protected override string Activity => "Classifying images";

    protected override void ValidateParameters() => ModelCommandSupport.RequireFieldName(this, PredictionField, nameof(PredictionField));

    protected override void Apply(ImageClassifier model, SampleOutputs outputs) =>
        outputs.Sample.SetField(PredictionField, Prediction.FromLogits(outputs.Logits, model.Classes, StoreLogits));
}

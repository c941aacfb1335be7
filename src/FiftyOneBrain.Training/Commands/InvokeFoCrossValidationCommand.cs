using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Models;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Out-of-sample predictions by K-fold cross-validation: trains K SimpleResNets, each on K-1 folds, and
/// predicts every sample with the model that did not see it (what confident learning needs).
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "FoCrossValidation")]
[OutputType(typeof(Sample))]
public sealed class InvokeFoCrossValidationCommand : TrainingCommand
{
    [Parameter]
    [ValidateRange(2, 100)]
    public int Folds { get; set; } = 5;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string PredictionField { get; set; } = "predictions";

    [Parameter]
    public SwitchParameter StoreLogits { get; set; }

    protected override void ValidateParameters() => ModelCommandSupport.RequireFieldName(this, PredictionField, nameof(PredictionField));

    protected override void Train(LabeledImageSet data)
    {
        if (data.Count < Folds)
            ThrowRunError($"{data.Count} readable samples cannot be split into {Folds} folds.", "TooFewSamplesForFolds", ErrorCategory.InvalidData, Folds);
        var logits = CrossValidation.OutOfSampleLogits(data, Folds, Options(0),
            (fold, p) => ReportBatch(p, $"Fold {fold + 1}/{Folds}: "),
            (fold, e) => ReportEpoch(e, $"Fold {fold + 1}/{Folds}: "), Stopping);
        var k = data.Classes.Length;
        for (var i = 0; i < data.Count; i++)
        {
            data.Samples[i].SetField(PredictionField, Prediction.FromLogits(logits.AsSpan(i * k, k), data.Classes, StoreLogits));
            WriteObject(data.Samples[i]);
        }
    }
}

using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>
/// FiftyOne's mistakenness for one sample: picks the classification or detection rules from the label types
/// and writes the score fields. Throws <see cref="BrainInputException"/> (sample untouched) when it cannot score.
/// </summary>
public static class Mistakenness
{
    public static void Apply(Sample sample, MistakennessOptions o)
    {
        var truth = LabelReader.Optional(sample, o.LabelField);
        var prediction = LabelReader.Optional(sample, o.PredictionField);
        if (truth is Detections || prediction is Detections)
        {
            DetectionMistakenness.Apply(sample, o);
            return;
        }
        sample.SetField(o.MistakennessField, ClassificationMistakenness.Score(sample, truth, o.LabelField, prediction, o.PredictionField, o.UseLogits));
    }
}

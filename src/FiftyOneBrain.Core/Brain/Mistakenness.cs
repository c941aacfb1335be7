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
        if (sample.GetField(o.LabelField) is Detections || sample.GetField(o.PredictionField) is Detections)
        {
            DetectionMistakenness.Apply(sample, o);
            return;
        }
        var score = ClassificationMistakenness.ScoreSample(sample, o.LabelField, o.PredictionField, o.UseLogits);
        sample.SetField(o.MistakennessField, score);
    }
}

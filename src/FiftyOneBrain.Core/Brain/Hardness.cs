using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>
/// Hardness: how unsure the model is about a sample, hardness = H(softmax(logits)) in nats.
/// 0 for a certain prediction, ln K for uniform logits over K classes.
/// </summary>
public static class Hardness
{
    public static double Score(ReadOnlySpan<double> logits) => SoftmaxEntropy.Entropy(logits);

    /// <summary>Hardness of the prediction in <paramref name="predictionField"/>; throws <see cref="BrainInputException"/> when it cannot be computed.</summary>
    public static double ScoreSample(Sample sample, string predictionField)
    {
        var label = LabelReader.Optional(sample, predictionField)
            ?? throw new BrainInputException("MissingPrediction", $"Sample '{sample.Id}' has no field '{predictionField}'.");
        if (label is Detections)
            throw new BrainInputException("UnsupportedLabelType",
                $"Sample '{sample.Id}' field '{predictionField}' holds Detections; hardness needs a Classification or Classifications with logits.");
        return Score(LabelReader.Logits(sample, predictionField, label));
    }
}

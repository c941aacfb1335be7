using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Models;

/// <summary>Logits to a FiftyOne Classification: label = argmax, confidence = its softmax probability.</summary>
public static class Prediction
{
    /// <summary>
    /// The attribute that records the class names in logit order next to stored logits, so confident learning
    /// knows every class even when a weak model never predicts one of them.
    /// </summary>
    public const string ClassesAttribute = "classes";

    public static Classification FromLogits(ReadOnlySpan<float> logits, IReadOnlyList<string> classes, bool storeLogits)
    {
        if (logits.Length != classes.Count) throw new ArgumentException($"{logits.Length} logits for {classes.Count} classes.", nameof(logits));
        var best = 0;
        for (var i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
        double sum = 0;
        for (var i = 0; i < logits.Length; i++) sum += Math.Exp(logits[i] - logits[best]);
        var values = storeLogits ? ToDoubles(logits) : null;
        var prediction = new Classification(classes[best], 1.0 / sum, values);
        if (storeLogits) prediction.SetField(ClassesAttribute, classes as string[] ?? classes.ToArray());
        return prediction;
    }

    private static double[] ToDoubles(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}

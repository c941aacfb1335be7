using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>
/// Mistakenness of a (multi)label classification: with m = 1 when ground truth and prediction agree (else 0),
/// s = 1 - 2m and the model's confidence c, mistakenness = (s*c + 1)/2. A confident disagreement scores near 1,
/// a confident agreement near 0, an unsure prediction near 0.5.
/// </summary>
public static class ClassificationMistakenness
{
    /// <summary>(s*c + 1)/2 with s = -1 when the labels agree, +1 when they do not.</summary>
    public static double Score(bool labelsAgree, double confidence)
    {
        var s = labelsAgree ? -1.0 : 1.0;
        return (s * confidence + 1.0) / 2.0;
    }

    /// <summary>The confidence used with -UseLogits: c = exp(-H(softmax(logits))), 1/K for uniform logits, 1 for a certain one.</summary>
    public static double ConfidenceFromLogits(ReadOnlySpan<double> logits) => Math.Exp(-SoftmaxEntropy.Entropy(logits));

    /// <summary>
    /// The sample's mistakenness, following FiftyOne for absent fields: no prediction -> 1; ground truth absent but a
    /// prediction -> (1 - c)/2 (treated as agreeing); neither -> null. Multilabel agrees iff the label sets are equal.
    /// </summary>
    public static double? ScoreSample(Sample sample, string labelField, string predictionField, bool useLogits) =>
        Score(sample, LabelReader.Optional(sample, labelField), labelField, LabelReader.Optional(sample, predictionField), predictionField, useLogits);

    internal static double? Score(Sample sample, LabelObject? truth, string labelField, LabelObject? prediction, string predictionField, bool useLogits)
    {
        if (truth is Detections || prediction is Detections)
            throw new BrainInputException("LabelTypeMismatch", $"Sample '{sample.Id}': Detections are scored by the detection rules, not as a classification.");
        if (truth is not null && prediction is not null && truth.GetType() != prediction.GetType())
            throw new BrainInputException("LabelTypeMismatch",
                $"Sample '{sample.Id}' field '{labelField}' holds {truth.TypeName} but '{predictionField}' holds {prediction.TypeName}; both must be of one type.");

        if (prediction is null) return truth is null ? null : 1.0;
        var confidence = Confidence(sample, predictionField, prediction, useLogits);
        var agree = truth is null || Agree(truth, prediction);
        return Score(agree, confidence);
    }

    internal static bool Agree(LabelObject truth, LabelObject prediction) => (truth, prediction) switch
    {
        (Classification t, Classification p) => string.Equals(t.Label, p.Label, StringComparison.Ordinal),
        (Classifications t, Classifications p) => LabelSet(t).SetEquals(LabelSet(p)),
        _ => false,
    };

    private static HashSet<string?> LabelSet(Classifications labels) => labels.Items.Select(c => c.Label).ToHashSet(StringComparer.Ordinal);

    private static double Confidence(Sample sample, string field, LabelObject prediction, bool useLogits)
    {
        if (useLogits) return ConfidenceFromLogits(LabelReader.Logits(sample, field, prediction));
        if (prediction is Classifications)
            throw new BrainInputException("MissingConfidence",
                $"Sample '{sample.Id}' field '{field}' is multilabel (Classifications), which has logits but no single confidence; use -UseLogits.");
        var c = ((Classification)prediction).Confidence
            ?? throw new BrainInputException("MissingConfidence", $"Sample '{sample.Id}' field '{field}' has no confidence (or use -UseLogits).");
        return CheckConfidence(sample, field, c);
    }

    internal static double CheckConfidence(Sample sample, string field, double c)
    {
        if (!double.IsFinite(c) || c < 0 || c > 1)
            throw new BrainInputException("InvalidConfidence", $"Sample '{sample.Id}' field '{field}' has confidence {c}; it must be in 0..1.");
        return c;
    }
}

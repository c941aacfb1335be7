using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>What a detection sample got: max class mistakenness over matched objects (-1 when none) and the counts.</summary>
public sealed record DetectionMistakennessResult(double Mistakenness, int PossibleMissing, int PossibleSpurious);

/// <summary>
/// Detection mistakenness (FiftyOne's rules). Objects are matched greedily (see <see cref="DetectionMatching"/>).
/// A matched ground-truth object gets the classification mistakenness of its prediction and
/// mistakenness_loc = (c*(2i - 1) + 1)/2 with i = (1 - IoU)/(1 - IoU threshold); an unmatched ground-truth
/// object is possibly spurious; an unmatched prediction with confidence above the missing threshold is possibly missing.
/// </summary>
public static class DetectionMistakenness
{
    /// <summary>(c*(2i - 1) + 1)/2: near 1 for a confident, badly placed box, near 0 for a confident, tight one, 0.5 when unsure.</summary>
    public static double LocalizationScore(double confidence, double iou, double iouThreshold)
    {
        var i = (1.0 - iou) / (1.0 - iouThreshold);
        return (confidence * (2.0 * i - 1.0) + 1.0) / 2.0;
    }

    /// <summary>
    /// Scores one sample and writes every field (objects and sample) only once all values are computed,
    /// so a sample with bad input is left untouched.
    /// </summary>
    public static DetectionMistakennessResult Apply(Sample sample, MistakennessOptions o)
    {
        var truth = AsDetections(sample, o.LabelField);
        var prediction = AsDetections(sample, o.PredictionField);
        var truths = truth?.Items ?? new List<Detection>();
        var predictions = prediction?.Items ?? new List<Detection>();

        var confidences = predictions.Select(p => ClassificationMistakenness.CheckConfidence(sample, o.PredictionField,
            p.Confidence ?? throw new BrainInputException("MissingConfidence",
                $"Sample '{sample.Id}' field '{o.PredictionField}' has a detection ({p.Label}, id {p.Id}) without confidence."))).ToArray();
        var matches = DetectionMatching.Match(truths.Select(t => t.BoundingBox).ToList(), predictions.Select(p => p.BoundingBox).ToList(), confidences, o.IouThreshold);

        var missing = new List<Detection>();
        for (var p = 0; p < predictions.Count; p++)
            if (matches.PredictionToTruth[p] < 0 && confidences[p] > o.MissingConfidence) missing.Add(predictions[p]);

        var copyIds = missing.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var scored = new List<(Detection Truth, double Class, double Loc)>();
        var spurious = new List<Detection>();
        for (var g = 0; g < truths.Count; g++)
        {
            var t = truths[g];
            if (o.CopyMissing && t.HasField(o.MissingField))
            {
                copyIds.Remove(t.Id); // copied on an earlier run: neither scored nor copied again
                continue;
            }
            var p = matches.TruthToPrediction[g];
            if (p < 0) { spurious.Add(t); continue; }
            var pred = predictions[p];
            var c = o.UseLogits
                ? ClassificationMistakenness.ConfidenceFromLogits(LabelReader.Logits(sample, o.PredictionField, pred))
                : confidences[p];
            var agree = string.Equals(t.Label, pred.Label, StringComparison.Ordinal);
            scored.Add((t, ClassificationMistakenness.Score(agree, c), LocalizationScore(c, matches.TruthIou[g], o.IouThreshold)));
        }

        // Everything is computed: write. Stale flags from an earlier run are cleared first.
        foreach (var p in predictions) p.RemoveField(o.MissingField);
        foreach (var t in truths)
        {
            if (o.CopyMissing && t.HasField(o.MissingField)) continue;
            t.RemoveField(o.MistakennessField);
            t.RemoveField(o.LocalizationField);
            t.RemoveField(o.SpuriousField);
        }
        foreach (var p in missing) p.SetField(o.MissingField, true);
        foreach (var t in spurious) t.SetField(o.SpuriousField, true);
        foreach (var (t, cls, loc) in scored)
        {
            t.SetField(o.MistakennessField, cls);
            t.SetField(o.LocalizationField, loc);
        }
        if (o.CopyMissing && copyIds.Count > 0)
        {
            if (truth is null) sample.SetField(o.LabelField, truth = new Detections());
            truth.Items.AddRange(missing.Where(d => copyIds.Contains(d.Id)).Select(d => (Detection)d.Clone()));
        }

        var result = new DetectionMistakennessResult(scored.Count > 0 ? scored.Max(s => s.Class) : -1, missing.Count, spurious.Count);
        sample.SetField(o.MistakennessField, result.Mistakenness);
        sample.SetField(o.MissingField, (long)result.PossibleMissing);
        sample.SetField(o.SpuriousField, (long)result.PossibleSpurious);
        return result;
    }

    private static Detections? AsDetections(Sample sample, string field)
    {
        var label = LabelReader.Optional(sample, field);
        return label switch
        {
            null => null,
            Detections d => d,
            _ => throw new BrainInputException("LabelTypeMismatch",
                $"Sample '{sample.Id}' field '{field}' holds {label.TypeName}; with Detections on the other field both must be Detections."),
        };
    }
}

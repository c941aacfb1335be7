namespace FiftyOneBrain.Brain;

/// <summary>Which ground-truth object each prediction matched, and at what IoU (-1 / NaN when unmatched).</summary>
public sealed record DetectionMatches(int[] TruthToPrediction, double[] TruthIou, int[] PredictionToTruth);

/// <summary>
/// Greedy COCO-style matching as FiftyOne's evaluate_detections(classwise=False) does it: predictions in
/// descending confidence (stable for ties), each takes the still-unmatched ground-truth object of highest
/// IoU >= threshold (on equal IoU the later object), regardless of class.
/// </summary>
public static class DetectionMatching
{
    /// <summary>Intersection over union of two [x, y, width, height] boxes; 0 when they do not overlap or have no area.</summary>
    public static double Iou(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var w = Math.Min(a[0] + a[2], b[0] + b[2]) - Math.Max(a[0], b[0]);
        if (w <= 0) return 0;
        var h = Math.Min(a[1] + a[3], b[1] + b[3]) - Math.Max(a[1], b[1]);
        if (h <= 0) return 0;
        var inter = w * h;
        var union = a[2] * a[3] + b[2] * b[3] - inter;
        return union <= 0 ? 0 : Math.Min(inter / union, 1.0);
    }

    public static DetectionMatches Match(IReadOnlyList<double[]> truthBoxes, IReadOnlyList<double[]> predictionBoxes,
        IReadOnlyList<double> predictionConfidences, double iouThreshold)
    {
        CheckThreshold(iouThreshold);
        if (predictionConfidences.Count != predictionBoxes.Count) throw new ArgumentException("One confidence per prediction is needed.", nameof(predictionConfidences));
        var truthToPrediction = Enumerable.Repeat(-1, truthBoxes.Count).ToArray();
        var truthIou = Enumerable.Repeat(double.NaN, truthBoxes.Count).ToArray();
        var predictionToTruth = Enumerable.Repeat(-1, predictionBoxes.Count).ToArray();

        var order = Enumerable.Range(0, predictionBoxes.Count).OrderByDescending(p => predictionConfidences[p]); // stable
        foreach (var p in order)
        {
            var best = -1;
            var bestIou = iouThreshold;
            for (var g = 0; g < truthBoxes.Count; g++)
            {
                if (truthToPrediction[g] >= 0) continue;
                var iou = Iou(predictionBoxes[p], truthBoxes[g]);
                if (iou <= 0 || iou < bestIou) continue;
                bestIou = iou;
                best = g;
            }
            if (best < 0) continue;
            truthToPrediction[best] = p;
            truthIou[best] = bestIou;
            predictionToTruth[p] = best;
        }
        return new DetectionMatches(truthToPrediction, truthIou, predictionToTruth);
    }

    /// <summary>The threshold must leave room for mistakenness_loc's 1/(1 - threshold).</summary>
    public static void CheckThreshold(double iouThreshold)
    {
        if (!(iouThreshold > 0 && iouThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "The IoU threshold must be strictly between 0 and 1.");
    }
}

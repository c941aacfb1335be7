namespace FiftyOneBrain.Brain;

/// <summary>The outcome of confident learning over N samples and K classes.</summary>
public sealed record ConfidentLearningResult(
    double[] Thresholds,
    long[][] ConfidentJoint,
    bool[] IsLabelIssue,
    double[] SelfConfidence,
    double[] NormalizedMargin)
{
    public int IssueCount => IsLabelIssue.Count(b => b);
}

/// <summary>
/// Confident learning (Northcutt, Jiang, Chuang 2021), the method cleanlab implements, over out-of-sample
/// class probabilities P (N x K, row-major) and given labels y:
/// 1. per-class threshold t_j = mean of P[i, j] over the samples labelled j (2, i.e. never reached, for a class nobody has),
///    clipped below at 2e-6 and compared with a slack of 1e-6, so a class the model never predicts (P ~ 1e-8) stays
///    out of the count instead of getting an effective threshold of 0 (cleanlab's CONFIDENT_THRESHOLDS_LOWER_BOUND);
/// 2. confident joint C[y][j]: each sample with some P[i, j] >= t_j counts once, under its given label y and the
///    class j of largest probability among those over threshold; every diagonal entry is raised to at least 1;
/// 3. calibration: each row rescaled to the number of samples with that given label, the whole matrix to N,
///    then rounded keeping row totals;
/// 4. prune by noise rate: for each given label k and other class j, the C[k][j] samples labelled k with the
///    largest margin P[i, j] - P[i, k] are label issues (none for a class whose diagonal is below 1);
///    a sample whose given label is the model's argmax is never an issue.
/// Ranking scores: self-confidence P[i, y_i] and normalized margin (P[i, y_i] - max_{j != y_i} P[i, j] + 1)/2.
/// </summary>
public static class ConfidentLearning
{
    private const double ThresholdSlack = 1e-6;
    // Must be above the slack: a floor equal to it would let every probability, however tiny, pass t - slack.
    private const double ThresholdFloor = 2 * ThresholdSlack;
    private const double NeverConfident = 2.0;

    public static ConfidentLearningResult Find(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classes)
    {
        var n = labels.Length;
        Check(probabilities, labels, classes);
        var thresholds = Thresholds(probabilities, labels, classes);
        var joint = ConfidentJoint(probabilities, labels, classes, thresholds);
        var calibrated = Calibrate(joint, LabelCounts(labels, classes), n);
        var issues = PruneByNoiseRate(probabilities, labels, classes, calibrated);

        var self = new double[n];
        var margin = new double[n];
        for (var i = 0; i < n; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var y = labels[i];
            var bestOther = double.NegativeInfinity;
            for (var j = 0; j < classes; j++) if (j != y && row[j] > bestOther) bestOther = row[j];
            self[i] = row[y];
            margin[i] = (row[y] - bestOther + 1.0) / 2.0;
            if (ArgMax(row) == y) issues[i] = false;
        }
        return new ConfidentLearningResult(thresholds, calibrated, issues, self, margin);
    }

    internal static double[] Thresholds(ReadOnlySpan<double> p, ReadOnlySpan<int> labels, int classes)
    {
        var sum = new double[classes];
        var count = LabelCounts(labels, classes);
        for (var i = 0; i < labels.Length; i++) sum[labels[i]] += p[i * classes + labels[i]];
        var t = new double[classes];
        for (var j = 0; j < classes; j++) t[j] = count[j] == 0 ? NeverConfident : Math.Max(sum[j] / count[j], ThresholdFloor);
        return t;
    }

    internal static long[][] ConfidentJoint(ReadOnlySpan<double> p, ReadOnlySpan<int> labels, int classes, double[] thresholds)
    {
        var joint = NewMatrix(classes);
        for (var i = 0; i < labels.Length; i++)
        {
            var row = p.Slice(i * classes, classes);
            var guess = -1;
            for (var j = 0; j < classes; j++)
                if (row[j] >= thresholds[j] - ThresholdSlack && (guess < 0 || row[j] > row[guess])) guess = j;
            if (guess >= 0) joint[labels[i]][guess]++;
        }
        for (var j = 0; j < classes; j++) joint[j][j] = Math.Max(joint[j][j], 1);
        return joint;
    }

    /// <summary>Rows scaled to the given-label counts, the total to N, rounded keeping each row's total.</summary>
    internal static long[][] Calibrate(long[][] joint, long[] labelCounts, int n)
    {
        var k = joint.Length;
        var scaled = new double[k][];
        var total = 0.0;
        for (var y = 0; y < k; y++)
        {
            var rowSum = Math.Max(joint[y].Sum(), 1);
            scaled[y] = joint[y].Select(v => v / (double)rowSum * labelCounts[y]).ToArray();
            total += scaled[y].Sum();
        }
        return scaled.Select(row => RoundPreservingSum(row.Select(v => total > 0 ? v / total * n : 0).ToArray())).ToArray();
    }

    /// <summary>Rounds each value to the nearest integer (ties to even) and nudges the ones with the largest rounding error so the rounded sum equals the rounded true sum.</summary>
    internal static long[] RoundPreservingSum(double[] values)
    {
        var ints = values.Select(v => (long)Math.Round(v)).ToArray();
        var target = (long)Math.Round(values.Sum());
        var diff = target - ints.Sum();
        if (diff == 0) return ints;
        var step = Math.Sign(diff);
        // Raise the values rounded down the most, or lower the ones rounded up the most.
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => step * (values[i] - ints[i])).ThenBy(i => i).ToArray();
        for (var c = 0; diff != 0; c = (c + 1) % order.Length, diff -= step) ints[order[c]] += step;
        return ints;
    }

    /// <summary>Marks, for each given label k and class j != k, the C[k][j] samples labelled k with the largest P[i,j] - P[i,k].</summary>
    internal static bool[] PruneByNoiseRate(ReadOnlySpan<double> p, ReadOnlySpan<int> labels, int classes, long[][] joint)
    {
        var prune = KeepAtLeastOnePerClass(joint);
        var issues = new bool[labels.Length];
        var byLabel = new List<int>[classes];
        for (var j = 0; j < classes; j++) byLabel[j] = new List<int>();
        for (var i = 0; i < labels.Length; i++) byLabel[labels[i]].Add(i);

        for (var k = 0; k < classes; k++)
        {
            if (prune[k][k] < 1) continue;
            for (var j = 0; j < classes; j++)
            {
                var count = (int)Math.Min(prune[k][j], byLabel[k].Count);
                if (j == k || count <= 0) continue;
                var margins = new (int Index, double Margin)[byLabel[k].Count];
                for (var m = 0; m < margins.Length; m++)
                {
                    var i = byLabel[k][m];
                    margins[m] = (i, p[i * classes + j] - p[i * classes + k]);
                }
                foreach (var (i, _) in margins.OrderByDescending(m => m.Margin).ThenBy(m => m.Index).Take(count)) issues[i] = true;
            }
        }
        return issues;
    }

    /// <summary>
    /// Keeps at least one sample per given label: a diagonal below 1 is raised to 1 and the increase taken evenly
    /// from that label's non-zero off-diagonal counts (floored at 0), then rows are rounded keeping their totals.
    /// Indexed [given label][true-label guess] like the confident joint.
    /// </summary>
    internal static long[][] KeepAtLeastOnePerClass(long[][] joint)
    {
        var k = joint.Length;
        // Work on the transpose (rows = true-label guess, columns = given label), the orientation the rounding applies to.
        var m = new double[k][];
        for (var t = 0; t < k; t++) m[t] = new double[k];
        for (var given = 0; given < k; given++)
        {
            var diagonal = joint[given][given];
            var raised = Math.Max(diagonal, 1);
            var nonZeroOffDiagonal = Math.Max(joint[given].Count(v => v != 0) - 1, 1);
            var take = (raised - diagonal) / (double)nonZeroOffDiagonal;
            for (var t = 0; t < k; t++)
                m[t][given] = t == given ? raised : Math.Max(joint[given][t] - take, 0);
        }
        var rounded = m.Select(RoundPreservingSum).ToArray();
        var result = NewMatrix(k);
        for (var t = 0; t < k; t++)
            for (var given = 0; given < k; given++) result[given][t] = rounded[t][given];
        return result;
    }

    private static void Check(ReadOnlySpan<double> p, ReadOnlySpan<int> labels, int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Confident learning needs at least two classes.");
        if (labels.Length == 0) throw new ArgumentException("Confident learning needs at least one sample.", nameof(labels));
        if (p.Length != (long)labels.Length * classes)
            throw new ArgumentException($"Expected {labels.Length} x {classes} probabilities, got {p.Length} values.", nameof(p));
        for (var i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label of sample {i} is not a class index.");
        foreach (var v in p)
            if (!(v >= 0 && v <= 1)) throw new ArgumentException($"Probabilities must be in 0..1; found {v}.", nameof(p));
    }

    private static long[] LabelCounts(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new long[classes];
        foreach (var y in labels) counts[y]++;
        return counts;
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        var best = 0;
        for (var j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
        return best;
    }

    private static long[][] NewMatrix(int k) => Enumerable.Range(0, k).Select(_ => new long[k]).ToArray();
}

namespace FiftyOneBrain.Evaluation;

/// <summary>How well a score ranks the positives (e.g. injected label mistakes) above the rest.</summary>
public sealed record RankingQuality(string ScoreField, int Samples, int Positives, double Auroc, int K, double PrecisionAtK, double RecallAtTop10Percent);

public static class RankingMetrics
{
    /// <summary>
    /// AUROC as the Mann-Whitney statistic: the chance a random positive outscores a random
    /// negative, ties counting half (average ranks), so constant scores give exactly 0.5.
    /// </summary>
    public static double Auroc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length) throw new ArgumentException("scores and labels differ in length");
        var n = scores.Length;
        var idx = new int[n];
        for (var i = 0; i < n; i++) idx[i] = i;
        var s = scores.ToArray();
        Array.Sort(idx, (a, b) => s[a].CompareTo(s[b]));
        double rankSumPos = 0;
        long pos = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && s[idx[j + 1]] == s[idx[i]]) j++;
            var avgRank = (i + j) / 2.0 + 1;
            for (var t = i; t <= j; t++)
                if (positive[idx[t]]) { rankSumPos += avgRank; pos++; }
            i = j + 1;
        }
        var neg = n - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / (pos * (double)neg);
    }

    /// <summary>Share of positives among the k highest scores (ties broken by input order).</summary>
    public static double PrecisionAtK(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, int k)
    {
        if (k <= 0) return double.NaN;
        var top = TopIndices(scores, k);
        var pos = ToArray(positive);
        return top.Count(i => pos[i]) / (double)top.Length;
    }

    /// <summary>Share of all positives found among the top <paramref name="fraction"/> of scores.</summary>
    public static double RecallAtFraction(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, double fraction)
    {
        var pos = ToArray(positive);
        var total = pos.Count(p => p);
        if (total == 0) return double.NaN;
        var k = (int)Math.Ceiling(fraction * scores.Length);
        var top = TopIndices(scores, k);
        return top.Count(i => pos[i]) / (double)total;
    }

    public static RankingQuality Evaluate(string scoreField, double[] scores, bool[] positive)
    {
        var positives = positive.Count(p => p);
        return new RankingQuality(scoreField, scores.Length, positives,
            Auroc(scores, positive), positives, PrecisionAtK(scores, positive, positives), RecallAtFraction(scores, positive, 0.10));
    }

    private static bool[] ToArray(ReadOnlySpan<bool> span) => span.ToArray();

    private static int[] TopIndices(ReadOnlySpan<double> scores, int k)
    {
        var s = scores.ToArray();
        var idx = Enumerable.Range(0, s.Length).ToArray();
        // Stable descending order: equal scores keep input order, so results are reproducible.
        return idx.OrderByDescending(i => s[i]).Take(Math.Min(k, s.Length)).ToArray();
    }
}

using FiftyOneBrain.Evaluation;

namespace FiftyOneBrain.Tests.Evaluation;

public class RankingMetricsTests
{
    [Fact]
    public void Auroc_counts_pairs_ordered_correctly_with_ties_as_half()
    {
        // positives 0.9, 0.4; negatives 0.8, 0.4, 0.1: pairs (p>n): 0.9 beats all 3; 0.4 beats 0.1, ties 0.4 (half), loses to 0.8
        // = (3 + 1 + 0.5) / 6 = 0.75
        double[] s = { 0.9, 0.8, 0.4, 0.4, 0.1 };
        bool[] p = { true, false, true, false, false };
        Assert.Equal(0.75, RankingMetrics.Auroc(s, p), 12);
    }

    [Fact]
    public void Auroc_is_one_half_for_constant_scores_and_one_for_perfect()
    {
        Assert.Equal(0.5, RankingMetrics.Auroc(new double[] { 1, 1, 1, 1 }, new[] { true, false, true, false }), 12);
        Assert.Equal(1.0, RankingMetrics.Auroc(new double[] { 4, 3, 2, 1 }, new[] { true, true, false, false }), 12);
        Assert.True(double.IsNaN(RankingMetrics.Auroc(new double[] { 1, 2 }, new[] { true, true })));
    }

    [Fact]
    public void Precision_at_k_and_recall_in_the_top_tenth()
    {
        var s = Enumerable.Range(0, 20).Select(i => (double)(20 - i)).ToArray(); // descending
        var p = new bool[20];
        p[0] = true; p[3] = true; p[15] = true; // ranks 1, 4, 16
        Assert.Equal(1.0 / 3, RankingMetrics.PrecisionAtK(s, p, 3), 12);      // top 3 = ranks 1..3: one positive
        Assert.Equal(2.0 / 4, RankingMetrics.PrecisionAtK(s, p, 4), 12);      // top 4 adds rank 4
        Assert.Equal(1.0 / 3, RankingMetrics.RecallAtFraction(s, p, 0.10), 12); // top 2 hold 1 of 3 positives
    }
}

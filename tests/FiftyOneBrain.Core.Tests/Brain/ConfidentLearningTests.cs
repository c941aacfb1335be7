using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Brain;

public sealed class ConfidentLearningTests
{
    [Fact]
    public void Two_classes_by_hand()
    {
        // t0 = (.9+.8+.3)/3 = 2/3, t1 = (.8+.9+.4)/3 = .7; sample 5 is over neither threshold.
        // C = [[2,1],[0,2]]; calibrated to label counts [3,3]: [[2,1],[0,3]]; one sample labelled 0 is pruned toward 1:
        // the one with the largest P1 - P0, sample 2.
        double[] p = { .9, .1, .8, .2, .3, .7, .2, .8, .1, .9, .6, .4 };
        int[] y = { 0, 0, 0, 1, 1, 1 };
        var r = ConfidentLearning.Find(p, y, 2);
        Assert.Equal(2.0 / 3.0, r.Thresholds[0], 12);
        Assert.Equal(0.7, r.Thresholds[1], 12);
        Assert.Equal(new[] { new long[] { 2, 1 }, new long[] { 0, 3 } }, r.ConfidentJoint);
        Assert.Equal(new[] { false, false, true, false, false, false }, r.IsLabelIssue);
        Assert.Equal(new[] { .9, .8, .3, .8, .9, .4 }, r.SelfConfidence);
        Assert.Equal(1, r.IssueCount);
    }

    [Fact]
    public void Three_classes_with_an_unused_class_and_the_margin_ranking()
    {
        // t = [.6, .55, never]; sample 1 is over no threshold; sample 3 (labelled 1, P0 = .6 >= t0) counts toward 0.
        // C = [[1,0,0],[1,1,0],[0,0,1 (raised)]]; calibrated with counts [2,2,0]: [[2,0,0],[1,1,0],[0,0,0]].
        double[] p = { .7, .2, .1, .5, .4, .1, .1, .8, .1, .6, .3, .1 };
        int[] y = { 0, 0, 1, 1 };
        var r = ConfidentLearning.Find(p, y, 3);
        Assert.Equal(new[] { 0.6, 0.55, 2.0 }, r.Thresholds.Select(t => Math.Round(t, 12)));
        Assert.Equal(new[] { new long[] { 2, 0, 0 }, new long[] { 1, 1, 0 }, new long[] { 0, 0, 0 } }, r.ConfidentJoint);
        Assert.Equal(new[] { false, false, false, true }, r.IsLabelIssue);
        // (P[y] - max other + 1)/2
        Assert.Equal(new[] { .75, .55, .85, .35 }, r.NormalizedMargin.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void A_sample_whose_label_is_the_models_argmax_is_never_an_issue()
    {
        // t = [.75, .275]; C = [[1,1],[1,1]]; pruning picks sample 1 for label 0 -> 1 (argmax 0 = its label, so kept)
        // and sample 3 for label 1 -> 0 (argmax 0, an issue).
        double[] p = { .9, .1, .6, .4, .7, .3, .75, .25 };
        var r = ConfidentLearning.Find(p, new[] { 0, 0, 1, 1 }, 2);
        Assert.Equal(new[] { new long[] { 1, 1 }, new long[] { 1, 1 } }, r.ConfidentJoint);
        Assert.Equal(new[] { false, false, false, true }, r.IsLabelIssue);
    }

    [Fact]
    public void Keep_at_least_one_takes_the_raise_from_the_off_diagonal()
    {
        // given label 0 has diagonal 0 and two non-zero off-diagonal counts: raise to 1, take 0.5 from each -> 2.5, 0.5,
        // then rows of the transpose are rounded keeping totals.
        var kept = ConfidentLearning.KeepAtLeastOnePerClass(new[] { new long[] { 0, 3, 1 }, new long[] { 0, 2, 0 }, new long[] { 0, 0, 4 } });
        Assert.Equal(new[] { new long[] { 1, 2, 0 }, new long[] { 0, 2, 0 }, new long[] { 0, 0, 4 } }, kept);
    }

    [Fact]
    public void Rounding_preserves_the_total()
    {
        Assert.Equal(new long[] { 1, 0, 0, 2 }, ConfidentLearning.RoundPreservingSum(new[] { 0.4, 0.4, 0.4, 1.8 }));
        Assert.Equal(new long[] { 1, 2, 0 }, ConfidentLearning.RoundPreservingSum(new[] { 1.0, 2.0, 0.0 }));
        Assert.Equal(new long[] { 0, 1, 2 }, ConfidentLearning.RoundPreservingSum(new[] { 0.6, 0.6, 1.8 })); // lowers the one rounded up most
    }

    [Fact]
    public void Bad_arrays_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidentLearning.Find(new[] { 1.0 }, new[] { 0 }, 1));
        Assert.Throws<ArgumentException>(() => ConfidentLearning.Find(new[] { .5, .5, 1 }, new[] { 0, 1 }, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidentLearning.Find(new[] { .5, .5 }, new[] { 2 }, 2));
        Assert.Throws<ArgumentException>(() => ConfidentLearning.Find(new[] { double.NaN, .5 }, new[] { 0 }, 2));
        Assert.Throws<ArgumentException>(() => ConfidentLearning.Find(Array.Empty<double>(), Array.Empty<int>(), 2));
    }

    private static Sample Labelled(string truth, string? predicted, double[]? logits)
    {
        var s = new Sample($"/data/{Guid.NewGuid():N}.png");
        s.SetField("ground_truth", new Classification(truth));
        if (predicted is not null) s.SetField("predictions", new Classification(predicted, null, logits));
        return s;
    }

    [Fact]
    public void Scorer_infers_classes_from_argmax_and_writes_fields()
    {
        // probabilities of the first test through logits ln p (softmax(ln p) = p)
        double[][] probs = { new[] { .9, .1 }, new[] { .8, .2 }, new[] { .3, .7 }, new[] { .2, .8 }, new[] { .1, .9 }, new[] { .6, .4 } };
        string[] truth = { "cat", "cat", "cat", "dog", "dog", "dog" };
        var samples = probs.Select((p, i) => Labelled(truth[i], p[0] > p[1] ? "cat" : "dog", p.Select(v => Math.Log(v)).ToArray())).ToList();
        samples.Add(Labelled("dog", null, null));
        samples.Add(Labelled("bird", "cat", new[] { 0.0, -1.0 }));

        var run = ConfidentLearningScorer.Run(samples, new ConfidentLearningOptions());
        Assert.Equal(new[] { "cat", "dog" }, run.Classes);
        Assert.Equal(6, run.Scored.Count);
        Assert.Equal(new[] { "MissingPrediction", "UnknownClass" }, run.Rejected.Select(r => r.Error.ErrorId).ToArray());
        Assert.Equal(new object[] { false, false, true, false, false, false }, samples.Take(6).Select(s => s["label_issue"]).ToArray());
        Assert.Equal(0.7, (double)samples[2]["mistakenness"]!, 12); // 1 - self-confidence .3
        Assert.False(samples[6].HasField("mistakenness"));
    }

    [Fact]
    public void Scorer_uses_given_classes_probabilities_and_the_margin()
    {
        var a = Labelled("b", "a", null);
        ((Classification)a["predictions"]!).SetField("probabilities", new[] { 0.5, 0.2, 0.3 });
        var b = Labelled("a", "a", new[] { 2.0, 0.0, 0.0 });
        var shortLogits = Labelled("a", "a", new[] { 2.0, 0.0 });
        var run = ConfidentLearningScorer.Run(new[] { a, b, shortLogits }, new ConfidentLearningOptions
        {
            Classes = new[] { "a", "b", "c" }, RankBy = ConfidentLearningRanking.NormalizedMargin, MistakennessField = "m", LabelIssueField = "issue",
        });
        var rejected = Assert.Single(run.Rejected);
        Assert.Same(shortLogits, rejected.Sample);
        Assert.Equal("LogitsLengthMismatch", rejected.Error.ErrorId);
        Assert.Contains("2 logits but there are 3 classes", rejected.Error.Message);
        Assert.Equal(1 - (0.2 - 0.5 + 1) / 2, (double)a["m"]!, 12);
        Assert.IsType<bool>(a["issue"]);
    }

    [Fact]
    public void Scorer_reports_when_classes_cannot_be_inferred()
    {
        var samples = new[] { Labelled("cat", "cat", new[] { 1.0, 0.0, 0.0 }), Labelled("dog", "dog", new[] { 0.0, 1.0, 0.0 }) };
        var e = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.Run(samples, new ConfidentLearningOptions()));
        Assert.Equal("AmbiguousClasses", e.ErrorId);
        Assert.Contains("-Classes", e.Message);
    }
    [Fact]
    public void A_class_the_model_never_predicts_gets_a_real_threshold_floor()
    {
        // Class 2 has P = 1e-8 everywhere. Its mean 1e-8 is clipped to 2e-6 and compared with a slack of 1e-6, so no
        // sample is over it: t = [.7, .7 - 1e-8, 2e-6]. Samples 1 and 3 are over no threshold and stay out of the count
        // (a floor of 1e-6 minus the 1e-6 slack made t2 = 0 and counted them into class 2).
        // C = [[1,0,0],[0,1,0],[0,1,0 -> 1]]; calibrated to counts [2,2,1]: rows [2,0,0], [0,2,0], [0,.5,.5] -> [0,1,0]
        // (equal rounding errors: the lower class index is rounded up).
        const double tiny = 1e-8;
        double[] p =
        {
            .9, .1 - tiny, tiny,
            .5, .5 - tiny, tiny,
            .2, .8 - tiny, tiny,
            .4, .6 - tiny, tiny,
            .3, .7 - tiny, tiny,
        };
        int[] y = { 0, 0, 1, 1, 2 };
        var r = ConfidentLearning.Find(p, y, 3);
        Assert.Equal(0.7, r.Thresholds[0], 12);
        Assert.Equal(0.7 - tiny, r.Thresholds[1], 12);
        Assert.Equal(2e-6, r.Thresholds[2]);
        Assert.Equal(new[] { new long[] { 2, 0, 0 }, new long[] { 0, 2, 0 }, new long[] { 0, 1, 0 } }, r.ConfidentJoint);
        Assert.Equal(new long[] { 1, 0, 0 }, ConfidentLearning.ConfidentJoint(p, y, 3, r.Thresholds)[0]);
        Assert.Equal(new[] { false, false, false, false, false }, r.IsLabelIssue);
    }

    [Fact]
    public void Scorer_takes_the_class_list_recorded_on_the_predictions()
    {
        var classes = new[] { "cat", "dog", "bird" };
        var samples = new[] { Labelled("cat", "cat", new[] { 1.0, 0.0, 0.0 }), Labelled("dog", "dog", new[] { 0.0, 1.0, 0.0 }) };
        foreach (var s in samples) ((Classification)s["predictions"]!).SetField(FiftyOneBrain.Models.Prediction.ClassesAttribute, classes);
        var run = ConfidentLearningScorer.Run(samples, new ConfidentLearningOptions());
        Assert.Equal(classes, run.Classes);
        Assert.Empty(run.Rejected);
    }

    [Fact]
    public void Scorer_rejects_predictions_that_record_different_class_lists()
    {
        var samples = new[] { Labelled("cat", "cat", new[] { 1.0, 0.0 }), Labelled("dog", "dog", new[] { 0.0, 1.0 }) };
        ((Classification)samples[0]["predictions"]!).SetField(FiftyOneBrain.Models.Prediction.ClassesAttribute, new[] { "cat", "dog" });
        ((Classification)samples[1]["predictions"]!).SetField(FiftyOneBrain.Models.Prediction.ClassesAttribute, new[] { "dog", "cat" });
        var e = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.Run(samples, new ConfidentLearningOptions()));
        Assert.Equal("AmbiguousClasses", e.ErrorId);
    }

    [Fact]
    public void A_never_predicted_class_collects_no_samples_at_scale()
    {
        // The issue's setting: N = 1000, K = 5, class 4 with P in 1e-9..1e-7 on every sample, a few samples labelled 4.
        // Nothing may be counted into column 4 but the diagonal entry raised to 1 (a floor of 1e-6 counted 536 here).
        const int n = 1000, k = 5;
        var random = new Random(11);
        var p = new double[n * k];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i < 5 ? 4 : random.Next(4);
            var tiny = Math.Pow(10, -9 + 2 * random.NextDouble());
            var raw = new double[4];
            for (var j = 0; j < 4; j++) raw[j] = random.NextDouble() + (j == y[i] ? 1.5 : 0);
            var sum = raw.Sum();
            for (var j = 0; j < 4; j++) p[i * k + j] = raw[j] / sum * (1 - tiny);
            p[i * k + 4] = tiny;
        }
        var thresholds = ConfidentLearning.Thresholds(p, y, k);
        var joint = ConfidentLearning.ConfidentJoint(p, y, k, thresholds);
        Assert.Equal(new long[] { 0, 0, 0, 0, 1 }, joint.Select(row => row[4]));
        Assert.Equal(2e-6, thresholds[4]);
    }
}

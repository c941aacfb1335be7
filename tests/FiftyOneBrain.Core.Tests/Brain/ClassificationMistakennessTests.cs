using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Brain;

public sealed class ClassificationMistakennessTests
{
    private static Sample Make(LabelObject? truth, LabelObject? prediction)
    {
        var s = new Sample("/data/a.png");
        if (truth is not null) s.SetField("ground_truth", truth);
        if (prediction is not null) s.SetField("predictions", prediction);
        return s;
    }

    private static double? Score(LabelObject? truth, LabelObject? prediction, bool useLogits = false) =>
        ClassificationMistakenness.ScoreSample(Make(truth, prediction), "ground_truth", "predictions", useLogits);

    [Fact]
    public void Formula_is_s_times_c_plus_one_over_two()
    {
        Assert.Equal(0.95, ClassificationMistakenness.Score(labelsAgree: false, 0.9), 15);
        Assert.Equal(0.05, ClassificationMistakenness.Score(labelsAgree: true, 0.9), 15);
        Assert.Equal(0.5, ClassificationMistakenness.Score(labelsAgree: true, 0.0));
    }

    [Fact]
    public void Confidence_decides_without_logits()
    {
        Assert.Equal(0.9, Score(new Classification("cat"), new Classification("dog", 0.8))!.Value, 15);
        Assert.Equal(0.1, Score(new Classification("cat"), new Classification("cat", 0.8))!.Value, 15);
    }

    [Fact]
    public void Uniform_logits_give_confidence_one_over_K()
    {
        Assert.Equal(0.25, ClassificationMistakenness.ConfidenceFromLogits(new[] { 3.0, 3.0, 3.0, 3.0 }), 14);
        Assert.Equal(0.625, Score(new Classification("cat"), new Classification("dog", 0.99, new double[4]), useLogits: true)!.Value, 14);
        Assert.Equal(0.375, Score(new Classification("cat"), new Classification("cat", 0.01, new double[4]), useLogits: true)!.Value, 14);
    }

    [Fact]
    public void Very_confident_logits_give_confidence_one()
    {
        var logits = new[] { 50.0, 0.0, 0.0 };
        Assert.Equal(1.0, Score(new Classification("cat"), new Classification("dog", 0.1, logits), useLogits: true)!.Value, 12);
        Assert.Equal(0.0, Score(new Classification("dog"), new Classification("dog", 0.1, logits), useLogits: true)!.Value, 12);
    }

    [Fact]
    public void Logits_confidence_is_exp_of_minus_entropy()
    {
        // p = [0.25, 0.75]: H = 0.5623351446188083, c = exp(-H) = 0.5698767642386945
        Assert.Equal(0.5698767642386945, ClassificationMistakenness.ConfidenceFromLogits(new[] { 0.0, Math.Log(3) }), 14);
        Assert.Equal(0.7849383821193472, Score(new Classification("cat"), new Classification("dog", null, new[] { 0.0, Math.Log(3) }), useLogits: true)!.Value, 14);
    }

    [Fact]
    public void Missing_prediction_is_one_missing_truth_is_agreement_neither_is_null()
    {
        Assert.Equal(1.0, Score(new Classification("cat"), null));
        Assert.Equal(0.1, Score(null, new Classification("dog", 0.8))!.Value, 15);
        Assert.Null(Score(null, null));
    }

    [Fact]
    public void Multilabel_agrees_only_when_label_sets_are_equal()
    {
        var truth = new Classifications(new[] { new Classification("a"), new Classification("b") });
        var same = new Classifications(new[] { new Classification("b"), new Classification("a") }) { Logits = new[] { 0.0, 0.0 } };
        var fewer = new Classifications(new[] { new Classification("a") }) { Logits = new[] { 0.0, 0.0 } };
        Assert.Equal(0.25, Score(truth, same, useLogits: true)!.Value, 15);
        Assert.Equal(0.75, Score(truth, fewer, useLogits: true)!.Value, 15);
        var e = Assert.Throws<BrainInputException>(() => Score(truth, same, useLogits: false));
        Assert.Equal("MissingConfidence", e.ErrorId);
    }

    [Theory]
    [InlineData("noconfidence", false, "MissingConfidence")]
    [InlineData("nologits", true, "MissingLogits")]
    [InlineData("badconfidence", false, "InvalidConfidence")]
    [InlineData("nanlogits", true, "NonFiniteLogits")]
    [InlineData("mismatch", false, "LabelTypeMismatch")]
    public void Bad_input_is_a_clear_error(string kind, bool useLogits, string errorId)
    {
        LabelObject prediction = kind switch
        {
            "noconfidence" or "nologits" => new Classification("dog"),
            "badconfidence" => new Classification("dog", 1.5),
            "nanlogits" => new Classification("dog", 0.5, new[] { double.NaN, 0 }),
            _ => new Classifications(new[] { new Classification("dog") }),
        };
        var e = Assert.Throws<BrainInputException>(() => Score(new Classification("cat"), prediction, useLogits));
        Assert.Equal(errorId, e.ErrorId);
    }
}

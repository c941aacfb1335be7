using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Brain;

public sealed class HardnessTests
{
    private static Sample With(object? prediction)
    {
        var s = new Sample("/data/a.png");
        s.SetField("predictions", prediction);
        return s;
    }

    [Fact]
    public void Hardness_is_the_entropy_of_the_softmax()
    {
        Assert.Equal(0.5623351446188083, Hardness.ScoreSample(With(new Classification("cat", 0.75, new[] { 0.0, Math.Log(3) })), "predictions"), 14);
        Assert.Equal(Math.Log(10), Hardness.Score(new double[10]), 14);
        Assert.Equal(0.0, Hardness.Score(new[] { 0.0, 900.0 }));
    }

    [Fact]
    public void Multilabel_predictions_use_their_logits()
    {
        var labels = new Classifications(new[] { new Classification("a"), new Classification("b") }) { Logits = new[] { 1.0, 1.0, 1.0 } };
        Assert.Equal(Math.Log(3), Hardness.ScoreSample(With(labels), "predictions"), 14);
    }

    [Theory]
    [InlineData("missing", "MissingPrediction")]
    [InlineData("nologits", "MissingLogits")]
    [InlineData("nan", "NonFiniteLogits")]
    [InlineData("empty", "EmptyLogits")]
    [InlineData("detections", "UnsupportedLabelType")]
    [InlineData("text", "UnsupportedLabelType")]
    public void Unscorable_predictions_name_the_sample_and_field(string kind, string errorId)
    {
        var sample = kind == "missing" ? new Sample("/data/a.png") : With(kind switch
        {
            "nologits" => new Classification("cat", 0.9),
            "nan" => new Classification("cat", 0.9, new[] { 1.0, double.NaN }),
            "empty" => new Classification("cat", 0.9, Array.Empty<double>()),
            "detections" => new Detections(),
            _ => "cat",
        });
        var e = Assert.Throws<BrainInputException>(() => Hardness.ScoreSample(sample, "predictions"));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(sample.Id, e.Message);
        Assert.Contains("predictions", e.Message);
    }
}

using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class DetectionMatchingTests
{
    [Fact]
    public void Iou_of_boxes_by_hand()
    {
        // overlap 0.25 x 0.5 = 0.125, union 0.25 + 0.25 - 0.125 = 0.375
        Assert.Equal(1.0 / 3.0, DetectionMatching.Iou(new[] { 0, 0, 0.5, 0.5 }, new[] { 0.25, 0, 0.5, 0.5 }), 15);
        Assert.Equal(1.0, DetectionMatching.Iou(new[] { 0.1, 0.2, 0.3, 0.4 }, new[] { 0.1, 0.2, 0.3, 0.4 }), 15);
        Assert.Equal(0.0, DetectionMatching.Iou(new[] { 0, 0, 0.5, 0.5 }, new[] { 0.5, 0, 0.5, 0.5 })); // touching
        Assert.Equal(0.0, DetectionMatching.Iou(new[] { 0, 0, 0.2, 0.2 }, new[] { 0.6, 0.6, 0.2, 0.2 }));
        Assert.Equal(0.0, DetectionMatching.Iou(new[] { 0.1, 0.1, 0, 0 }, new[] { 0.1, 0.1, 0, 0 })); // no area
    }

    [Fact]
    public void Iou_equal_to_the_threshold_matches()
    {
        // [0,0,.5,.5] vs [0,0,.25,.5]: 0.125 / 0.25 = 0.5 exactly
        var m = DetectionMatching.Match(new[] { new[] { 0, 0, 0.5, 0.5 } }, new[] { new[] { 0, 0, 0.25, 0.5 } }, new[] { 0.3 }, 0.5);
        Assert.Equal(0, m.TruthToPrediction[0]);
        Assert.Equal(0.5, m.TruthIou[0]);
        var stricter = DetectionMatching.Match(new[] { new[] { 0, 0, 0.5, 0.5 } }, new[] { new[] { 0, 0, 0.25, 0.5 } }, new[] { 0.3 }, 0.51);
        Assert.Equal(-1, stricter.TruthToPrediction[0]);
        Assert.True(double.IsNaN(stricter.TruthIou[0]));
    }

    [Fact]
    public void The_more_confident_prediction_takes_the_object_even_at_lower_iou()
    {
        var truth = new[] { new[] { 0, 0, 0.5, 0.5 } };
        var predictions = new[] { new[] { 0, 0, 0.5, 0.5 }, new[] { 0, 0, 0.5, 0.4 } };
        var m = DetectionMatching.Match(truth, predictions, new[] { 0.6, 0.9 }, 0.5);
        Assert.Equal(1, m.TruthToPrediction[0]);
        Assert.Equal(0.8, m.TruthIou[0], 15);
        Assert.Equal(new[] { -1, 0 }, m.PredictionToTruth);
    }

    [Fact]
    public void A_prediction_takes_the_free_object_of_highest_iou_and_the_later_one_on_ties()
    {
        var truth = new[] { new[] { 0, 0, 0.5, 0.5 }, new[] { 0, 0, 0.5, 0.5 }, new[] { 0, 0, 0.5, 0.45 } };
        var predictions = new[] { new[] { 0, 0, 0.5, 0.5 }, new[] { 0, 0, 0.5, 0.5 }, new[] { 0, 0, 0.5, 0.5 } };
        var m = DetectionMatching.Match(truth, predictions, new[] { 0.9, 0.8, 0.7 }, 0.5);
        Assert.Equal(new[] { 1, 0, 2 }, m.TruthToPrediction);
        Assert.Equal(new[] { 1, 0, 2 }, m.PredictionToTruth);
    }

    [Fact]
    public void Equal_confidences_keep_input_order()
    {
        var m = DetectionMatching.Match(new[] { new[] { 0, 0, 0.5, 0.5 } }, new[] { new[] { 0, 0, 0.5, 0.4 }, new[] { 0, 0, 0.5, 0.5 } }, new[] { 0.5, 0.5 }, 0.5);
        Assert.Equal(0, m.TruthToPrediction[0]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Threshold_must_be_strictly_between_zero_and_one(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectionMatching.Match(Array.Empty<double[]>(), Array.Empty<double[]>(), Array.Empty<double>(), threshold));
}

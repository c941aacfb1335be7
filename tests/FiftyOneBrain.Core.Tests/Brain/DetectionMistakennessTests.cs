using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Brain;

public sealed class DetectionMistakennessTests
{
    private static readonly MistakennessOptions Defaults = new();

    /// <summary>
    /// G0 car [0,0,.5,.5] matched by P0 car 0.9 at IoU 0.5; G1 person matched by P1 cat 0.6 at IoU 1;
    /// G2 dog unmatched; P2 truck 0.97 unmatched (missing); P3 bird 0.5 unmatched (too unsure to be missing).
    /// </summary>
    private static Sample Scene(double[]? p1Logits = null)
    {
        var s = new Sample("/data/a.png");
        s.SetField("ground_truth", new Detections(new[]
        {
            new Detection("car", new[] { 0, 0, 0.5, 0.5 }),
            new Detection("person", new[] { 0.5, 0.5, 0.25, 0.25 }),
            new Detection("dog", new[] { 0, 0.75, 0.25, 0.25 }),
        }));
        s.SetField("predictions", new Detections(new[]
        {
            new Detection("car", new[] { 0, 0, 0.5, 0.25 }, 0.9),
            new Detection("cat", new[] { 0.5, 0.5, 0.25, 0.25 }, 0.6) { Logits = p1Logits },
            new Detection("truck", new[] { 0.75, 0, 0.25, 0.25 }, 0.97),
            new Detection("bird", new[] { 0.75, 0.25, 0.125, 0.125 }, 0.5),
        }));
        return s;
    }

    private static List<Detection> Truth(Sample s) => ((Detections)s.GetField("ground_truth")!).Items;
    private static List<Detection> Predictions(Sample s) => ((Detections)s.GetField("predictions")!).Items;

    [Fact]
    public void Localisation_formula_by_hand()
    {
        Assert.Equal(0.95, DetectionMistakenness.LocalizationScore(0.9, iou: 0.5, iouThreshold: 0.5), 15); // i = 1
        Assert.Equal(0.2, DetectionMistakenness.LocalizationScore(0.6, iou: 1.0, iouThreshold: 0.5), 15);  // i = 0
        Assert.Equal(0.5, DetectionMistakenness.LocalizationScore(0.8, iou: 0.75, iouThreshold: 0.5), 15); // i = 0.5
        // threshold 0.3, IoU 0.65: i = 0.35/0.7 = 0.5
        Assert.Equal(0.5, DetectionMistakenness.LocalizationScore(1.0, iou: 0.65, iouThreshold: 0.3), 14);
    }

    [Fact]
    public void Matched_unmatched_confident_and_unsure_objects()
    {
        var s = Scene();
        var result = DetectionMistakenness.Apply(s, Defaults);

        Assert.Equal(new DetectionMistakennessResult(0.8, 1, 1), result);
        var truth = Truth(s);
        Assert.Equal(0.05, (double)truth[0]["mistakenness"]!, 15);
        Assert.Equal(0.95, (double)truth[0]["mistakenness_loc"]!, 15);
        Assert.Equal(0.8, (double)truth[1]["mistakenness"]!, 15);
        Assert.Equal(0.2, (double)truth[1]["mistakenness_loc"]!, 15);
        Assert.False(truth[0].HasField("possible_spurious"));
        Assert.Equal(true, truth[2]["possible_spurious"]);
        Assert.False(truth[2].HasField("mistakenness"));

        var predictions = Predictions(s);
        Assert.Equal(new[] { false, false, true, false }, predictions.Select(p => p.HasField("possible_missing")).ToArray());
        Assert.Equal(0.8, (double)s["mistakenness"]!, 15);
        Assert.Equal(1L, s["possible_missing"]);
        Assert.Equal(1L, s["possible_spurious"]);
    }

    [Fact]
    public void Logits_replace_confidence_for_matched_objects()
    {
        var s = Scene(p1Logits: new[] { 0.0, 0.0 }); // c = 0.5
        Predictions(s)[0].Logits = new[] { 0.0, 0.0, 0.0, 0.0 }; // c = 0.25 for the agreeing car: (1 - 0.25)/2
        DetectionMistakenness.Apply(s, Defaults with { UseLogits = true });
        Assert.Equal(0.75, (double)Truth(s)[1]["mistakenness"]!, 15);
        Assert.Equal(0.25, (double)Truth(s)[1]["mistakenness_loc"]!, 15);
        Assert.Equal(0.375, (double)Truth(s)[0]["mistakenness"]!, 15);
        Assert.Equal(0.625, (double)Truth(s)[0]["mistakenness_loc"]!, 15); // (0.25*(2*1 - 1) + 1)/2
    }

    [Fact]
    public void Thresholds_are_parameters_and_missing_needs_more_than_the_threshold()
    {
        var s = Scene();
        var result = DetectionMistakenness.Apply(s, Defaults with { MissingConfidence = 0.97 });
        Assert.Equal(0, result.PossibleMissing);

        s = Scene();
        result = DetectionMistakenness.Apply(s, Defaults with { MissingConfidence = 0.4, IouThreshold = 0.6 });
        // P0 (IoU 0.5) no longer matches: G0 spurious, P0 missing too; P3 (0.5 > 0.4) missing.
        Assert.Equal(new DetectionMistakennessResult(0.8, 3, 2), result);
    }

    [Fact]
    public void Empty_or_absent_fields_give_minus_one()
    {
        var s = new Sample("/data/a.png");
        s.SetField("ground_truth", new Detections());
        Assert.Equal(new DetectionMistakennessResult(-1, 0, 0), DetectionMistakenness.Apply(s, Defaults));

        var onlyTruth = Scene();
        onlyTruth.RemoveField("predictions");
        Assert.Equal(new DetectionMistakennessResult(-1, 0, 3), DetectionMistakenness.Apply(onlyTruth, Defaults));

        var onlyPredictions = Scene();
        onlyPredictions.RemoveField("ground_truth");
        Assert.Equal(new DetectionMistakennessResult(-1, 1, 0), DetectionMistakenness.Apply(onlyPredictions, Defaults));
    }

    [Fact]
    public void Copy_missing_adds_the_object_once_and_a_rerun_leaves_it_alone()
    {
        var s = Scene();
        DetectionMistakenness.Apply(s, Defaults with { CopyMissing = true });
        var copied = Assert.Single(Truth(s), d => d.Label == "truck");
        Assert.Equal(true, copied["possible_missing"]);
        Assert.Equal(Predictions(s)[2].Id, copied.Id);

        var again = DetectionMistakenness.Apply(s, Defaults with { CopyMissing = true });
        Assert.Single(Truth(s), d => d.Label == "truck");
        Assert.Equal(0, again.PossibleMissing); // the copy matches the truck now
        Assert.Equal(1, again.PossibleSpurious);
        Assert.False(Predictions(s)[2].HasField("possible_missing")); // stale flag cleared
        Assert.False(copied.HasField("mistakenness"));
    }

    [Fact]
    public void A_prediction_without_confidence_leaves_the_sample_untouched()
    {
        var s = Scene();
        Predictions(s)[3].Confidence = null;
        var e = Assert.Throws<BrainInputException>(() => DetectionMistakenness.Apply(s, Defaults));
        Assert.Equal("MissingConfidence", e.ErrorId);
        Assert.Contains(s.Id, e.Message);
        Assert.DoesNotContain(Truth(s), t => t.FieldNames.Count > 0);
        Assert.False(s.HasField("mistakenness"));
    }

    [Fact]
    public void Logits_missing_on_a_matched_prediction_is_an_error_with_use_logits()
    {
        var e = Assert.Throws<BrainInputException>(() => DetectionMistakenness.Apply(Scene(), Defaults with { UseLogits = true }));
        Assert.Equal("MissingLogits", e.ErrorId);
    }

    [Fact]
    public void Detections_against_a_classification_is_a_type_mismatch()
    {
        var s = Scene();
        s.SetField("ground_truth", new Classification("car"));
        Assert.Equal("LabelTypeMismatch", Assert.Throws<BrainInputException>(() => Mistakenness.Apply(s, Defaults)).ErrorId);
    }

    [Fact]
    public void The_facade_routes_classifications_and_writes_null_when_both_are_missing()
    {
        var s = new Sample("/data/a.png");
        s.SetField("ground_truth", new Classification("cat"));
        s.SetField("predictions", new Classification("dog", 0.8));
        Mistakenness.Apply(s, Defaults);
        Assert.Equal(0.9, (double)s["mistakenness"]!, 15);

        var empty = new Sample("/data/b.png");
        Mistakenness.Apply(empty, Defaults);
        Assert.True(empty.HasField("mistakenness"));
        Assert.Null(empty["mistakenness"]);
    }
}

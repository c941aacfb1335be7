using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Brain;

/// <summary>How the scorer reads samples: what it rejects, with which id and message, and which score it writes.</summary>
public sealed class ConfidentLearningScorerTests
{
    private static Sample Labelled(string id, string? truth, string? predicted, double[]? logits = null, double[]? probabilities = null)
    {
        var s = new Sample($"/data/{id}.png", id);
        if (truth is not null) s.SetField("ground_truth", new Classification(truth));
        if (predicted is not null)
        {
            var prediction = new Classification(predicted, null, logits);
            if (probabilities is not null) prediction.SetField("probabilities", probabilities);
            s.SetField("predictions", prediction);
        }
        return s;
    }

    private static ConfidentLearningOptions Abc => new() { Classes = new[] { "a", "b", "c" } };

    private static BrainInputException Rejection(Sample bad)
    {
        var good = new[] { Labelled("g1", "a", "a", new[] { 2.0, 0, 0 }), Labelled("g2", "b", "b", new[] { 0, 2.0, 0 }) };
        var run = ConfidentLearningScorer.Run(good.Append(bad).ToList(), Abc);
        var rejected = Assert.Single(run.Rejected);
        Assert.Same(bad, rejected.Sample);
        Assert.Equal(2, run.Scored.Count);
        return rejected.Error;
    }

    [Fact]
    public void No_samples_is_a_whole_run_error()
    {
        var e = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.Run(Array.Empty<Sample>(), Abc));
        Assert.Equal(("NoSamples", "Confident learning got no samples."), (e.ErrorId, e.Message));
    }

    [Fact]
    public void One_class_or_a_repeated_class_is_a_whole_run_error()
    {
        var samples = new[] { Labelled("s", "a", "a", new[] { 1.0 }) };
        var one = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.Run(samples, new ConfidentLearningOptions { Classes = new[] { "a" } }));
        Assert.Equal(("TooFewClasses", "Confident learning needs at least two classes."), (one.ErrorId, one.Message));
        var twice = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.Run(samples, new ConfidentLearningOptions { Classes = new[] { "a", "b", "a" } }));
        Assert.Equal(("DuplicateClass", "The class list names a class twice."), (twice.ErrorId, twice.Message));
    }

    [Fact]
    public void When_no_sample_is_usable_the_run_stops()
    {
        var samples = new[] { Labelled("s1", "zebra", "a", new[] { 1.0, 0, 0 }), Labelled("s2", "a", null) };
        var e = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.Run(samples, Abc));
        Assert.Equal("NoUsableSamples", e.ErrorId);
        Assert.Equal("No sample has both a ground-truth label and class scores that confident learning can use.", e.Message);
    }

    [Fact]
    public void Unknown_given_labels_are_rejected_with_the_class_count()
    {
        var e = Rejection(Labelled("s", "zebra", "a", new[] { 1.0, 0, 0 }));
        Assert.Equal(("UnknownClass", "Sample 's' field 'ground_truth' is 'zebra', which is not one of the 3 classes."), (e.ErrorId, e.Message));
    }

    [Fact]
    public void Probability_lists_of_the_wrong_length_say_probabilities()
    {
        var e = Rejection(Labelled("s", "a", "a", probabilities: new[] { 0.5, 0.5 }));
        Assert.Equal(("LogitsLengthMismatch", "Sample 's' field 'predictions' has 2 probabilities but there are 3 classes."), (e.ErrorId, e.Message));
    }

    [Fact]
    public void Missing_labels_and_predictions_are_named()
    {
        var noTruth = Rejection(Labelled("s", null, "a", new[] { 1.0, 0, 0 }));
        Assert.Equal(("MissingGroundTruth", "Sample 's' has no field 'ground_truth'; confident learning needs a given label on every sample."), (noTruth.ErrorId, noTruth.Message));

        var unlabelled = Labelled("s", null, "a", new[] { 1.0, 0, 0 });
        unlabelled.SetField("ground_truth", new Classification());
        var empty = Rejection(unlabelled);
        Assert.Equal(("MissingGroundTruth", "Sample 's' field 'ground_truth' has no label."), (empty.ErrorId, empty.Message));

        var noPrediction = Rejection(Labelled("s", "a", null));
        Assert.Equal(("MissingPrediction", "Sample 's' has no field 'predictions'; confident learning needs class scores on every sample."), (noPrediction.ErrorId, noPrediction.Message));
    }

    [Fact]
    public void Detections_are_not_scored()
    {
        var truth = Labelled("s", null, "a", new[] { 1.0, 0, 0 });
        truth.SetField("ground_truth", new Detections());
        var e = Rejection(truth);
        Assert.Equal(("UnsupportedLabelType", "Sample 's' field 'ground_truth' holds Detections; confident learning scores single-label Classification."), (e.ErrorId, e.Message));

        var prediction = Labelled("s", "a", null);
        prediction.SetField("predictions", new Classifications());
        var p = Rejection(prediction);
        Assert.Equal(("UnsupportedLabelType", "Sample 's' field 'predictions' holds Classifications; confident learning scores single-label Classification."), (p.ErrorId, p.Message));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void A_class_probability_outside_0_to_1_is_rejected(double bad)
    {
        var e = Rejection(Labelled("s", "a", "a", probabilities: new[] { 0.5, bad, 0.5 }));
        Assert.Equal(("InvalidProbabilities", $"Sample 's' field 'predictions' has a class probability of {bad}."), (e.ErrorId, e.Message));
    }

    [Fact]
    public void Probabilities_that_do_not_sum_to_1_are_rejected()
    {
        var e = Rejection(Labelled("s", "a", "a", probabilities: new[] { 0.5, 0.3, 0.1 }));
        Assert.Equal("InvalidProbabilities", e.ErrorId);
        Assert.StartsWith("Sample 's' field 'predictions' class probabilities sum to 0.9", e.Message);
        Assert.EndsWith(", not 1.", e.Message);
    }

    [Fact]
    public void Probabilities_that_are_not_numbers_are_rejected()
    {
        var s = Labelled("s", "a", "a");
        ((Classification)s["predictions"]!).SetField("probabilities", "0.5 0.5");
        var e = Rejection(s);
        Assert.Equal(("InvalidProbabilities", "Sample 's' field 'predictions' attribute 'probabilities' is not a list of numbers."), (e.ErrorId, e.Message));
    }

    [Fact]
    public void Probabilities_of_exactly_0_and_1_and_float_lists_are_used_as_given()
    {
        var s = Labelled("s", "c", "a");
        ((Classification)s["predictions"]!).SetField("probabilities", new float[] { 1, 0, 0 });
        var edge = Labelled("e", "b", "b", probabilities: new[] { 0.0, 1.0, 0.0 });
        var run = ConfidentLearningScorer.Run(new[] { Labelled("g1", "a", "a", new[] { 2.0, 0, 0 }), edge, s }, Abc);
        Assert.Empty(run.Rejected);
        Assert.Equal(1.0, (double)s["mistakenness"]!); // 1 - P(c) = 1 - 0
        Assert.Equal(0.0, (double)edge["mistakenness"]!);
    }

    [Fact]
    public void Self_confidence_ranking_writes_one_minus_the_given_label_probability()
    {
        // three classes, so self-confidence (.2) and the normalised margin ((.2 - .5 + 1)/2 = .35) differ
        var s = Labelled("s", "b", "a", probabilities: new[] { 0.5, 0.2, 0.3 });
        ConfidentLearningScorer.Run(new[] { Labelled("g1", "a", "a", new[] { 2.0, 0, 0 }), s }, Abc);
        Assert.Equal(0.8, (double)s["mistakenness"]!, 12);
    }

    [Fact]
    public void Inferring_classes_names_each_argmax_and_breaks_ties_toward_the_first_logit()
    {
        // [1, 1] has its argmax at logit 0, so "a" names logit 0 and "b" (argmax 1) names logit 1.
        var classes = ConfidentLearningScorer.InferClasses(new (string?, double[])[] { ("a", new[] { 1.0, 1.0 }), (null, new[] { 0.0, 0.0, 0.0 }), ("b", new[] { 0.0, 1.0 }) });
        Assert.Equal(new[] { "a", "b" }, classes);
    }

    [Fact]
    public void Inferring_classes_reports_conflicts_lengths_gaps_and_absence()
    {
        var conflict = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.InferClasses(new (string?, double[])[] { ("cat", new[] { 1.0, 0 }), ("dog", new[] { 2.0, 0 }) }));
        Assert.Equal(("AmbiguousClasses", "Logit 0 is the argmax of predictions labelled 'cat' and 'dog'; pass -Classes."), (conflict.ErrorId, conflict.Message));

        var lengths = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.InferClasses(new (string?, double[])[] { ("cat", new[] { 1.0, 0 }), ("dog", new[] { 0.0, 0, 1 }) }));
        Assert.Equal(("LogitsLengthMismatch", "Predictions have 2 and 3 logits; pass -Classes to say which is right."), (lengths.ErrorId, lengths.Message));

        var gaps = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.InferClasses(new (string?, double[])[] { ("cat", new[] { 0.0, 1, 0, 0 }) }));
        Assert.Equal(("AmbiguousClasses", "No prediction has logit 0, 2, 3 as its argmax, so its class name is unknown; pass -Classes."), (gaps.ErrorId, gaps.Message));

        var none = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.InferClasses(new (string?, double[])[] { (null, new[] { 1.0, 0 }) }));
        Assert.Equal(("NoUsableSamples", "No prediction to infer the classes from; pass -Classes."), (none.ErrorId, none.Message));
    }

    [Fact]
    public void Different_recorded_class_lists_are_both_named()
    {
        var a = new Classification("cat");
        a.SetField(FiftyOneBrain.Models.Prediction.ClassesAttribute, new[] { "cat", "dog" });
        var b = new Classification("dog");
        b.SetField(FiftyOneBrain.Models.Prediction.ClassesAttribute, new[] { "dog", "cat" });
        var same = new Classification("dog");
        same.SetField(FiftyOneBrain.Models.Prediction.ClassesAttribute, new[] { "cat", "dog" });
        Assert.Equal(new[] { "cat", "dog" }, ConfidentLearningScorer.RecordedClasses(new[] { a, new Classification("x"), same }));
        var e = Assert.Throws<BrainInputException>(() => ConfidentLearningScorer.RecordedClasses(new[] { a, b }));
        Assert.Equal(("AmbiguousClasses", "Predictions record different class lists (cat, dog and dog, cat); pass -Classes."), (e.ErrorId, e.Message));
    }
}

using FiftyOneBrain.Models;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Models;

public sealed class LabelsAndFoldsTests
{
    private static Sample Labelled(string? label)
    {
        var s = new Sample($"/data/{Guid.NewGuid():N}.png");
        if (label is not null) s.SetField("ground_truth", new Classification(label));
        return s;
    }

    [Fact]
    public void Classes_default_to_sorted_distinct_labels()
    {
        var (labels, classes) = LabeledImageSet.ReadLabels([Labelled("dog"), Labelled("cat"), Labelled("dog")], "ground_truth");
        Assert.Equal(["cat", "dog"], classes);
        Assert.Equal([1, 0, 1], labels);
    }

    [Fact]
    public void A_given_class_list_fixes_the_order()
    {
        var (labels, _) = LabeledImageSet.ReadLabels([Labelled("dog"), Labelled("cat")], "ground_truth", ["dog", "cat", "bird"]);
        Assert.Equal([0, 1], labels);
    }

    [Fact]
    public void Missing_labels_stop_training_and_name_the_sample()
    {
        var unlabelled = Labelled(null);
        var e = Assert.Throws<InvalidDataException>(() => LabeledImageSet.ReadLabels([Labelled("a"), unlabelled, Labelled("b")], "ground_truth"));
        Assert.Contains("1 of 3 samples", e.Message);
        Assert.Contains(unlabelled.Filepath, e.Message);
    }

    [Fact]
    public void Labels_outside_the_class_list_are_a_mismatch()
    {
        var e = Assert.Throws<InvalidDataException>(() => LabeledImageSet.ReadLabels([Labelled("a"), Labelled("zebra")], "ground_truth", ["a", "b"]));
        Assert.Contains("'zebra'", e.Message);
    }

    [Fact]
    public void One_class_is_not_enough() =>
        Assert.Throws<InvalidDataException>(() => LabeledImageSet.ReadLabels([Labelled("a"), Labelled("a")], "ground_truth"));

    [Fact]
    public void Folds_are_stratified_balanced_and_seeded()
    {
        // 10 of class 0, 7 of class 1, 5 of class 2 into 3 folds
        int[] labels = [.. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 7), .. Enumerable.Repeat(2, 5)];
        var folds = CrossValidation.AssignFolds(labels, 3, seed: 9);
        Assert.Equal(folds, CrossValidation.AssignFolds(labels, 3, seed: 9));
        Assert.NotEqual(folds, CrossValidation.AssignFolds(labels, 3, seed: 10));
        var sizes = Enumerable.Range(0, 3).Select(f => folds.Count(x => x == f)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        for (var c = 0; c < 3; c++)
        {
            var perFold = Enumerable.Range(0, 3).Select(f => Enumerable.Range(0, labels.Length).Count(i => labels[i] == c && folds[i] == f)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: {string.Join(",", perFold)}");
        }
    }

    [Fact]
    public void Prediction_is_argmax_with_softmax_confidence()
    {
        var p = Prediction.FromLogits([1f, 3f, 2f], ["a", "b", "c"], storeLogits: true);
        Assert.Equal("b", p.Label);
        Assert.Equal(Math.Exp(3) / (Math.Exp(1) + Math.Exp(3) + Math.Exp(2)), p.Confidence!.Value, 6);
        Assert.Equal([1.0, 3.0, 2.0], p.Logits);
        Assert.Null(Prediction.FromLogits([1f, 3f, 2f], ["a", "b", "c"], storeLogits: false).Logits);
    }

    [Fact]
    public void Prediction_with_logits_records_the_class_list_for_confident_learning()
    {
        string[] classes = ["a", "b", "c"];
        Assert.Equal(classes, Prediction.FromLogits([1f, 3f, 2f], classes, storeLogits: true).GetField(Prediction.ClassesAttribute));
        Assert.False(Prediction.FromLogits([1f, 3f, 2f], classes, storeLogits: false).HasField(Prediction.ClassesAttribute));
    }

    [Fact]
    public void Libtorch_problems_name_the_missing_files()
    {
        var dir = TestImages.NewDirectory();
        File.WriteAllBytes(Path.Combine(dir, "libtorch.so"), []);
        var message = TorchRuntime.Describe(dir, new DllNotFoundException("x"));
        Assert.Contains("libLibTorchSharp.so, libtorch_cpu.so, libc10.so not found in " + dir, message);
        foreach (var f in TorchRuntime.RequiredNatives) File.WriteAllBytes(Path.Combine(dir, f), []);
        Assert.Equal($"libtorch could not be loaded from {dir}: GLIBCXX_3.4.32 not found", TorchRuntime.Describe(dir, new DllNotFoundException("GLIBCXX_3.4.32 not found")));
    }
}

using FiftyOneBrain.Models;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Models;

/// <summary>Real Fashion-MNIST images: training must learn, be reproducible, and cross-validation must cover every sample.</summary>
public sealed class TrainingTests
{
    private static readonly TrainingOptions Small = new() { Width = 0.125, Epochs = 4, BatchSize = 32, LearningRate = 0.2, Seed = 7 };

    [Fact]
    public void Training_lowers_the_loss_and_beats_chance_on_held_out_images()
    {
        var dir = TestImages.NewDirectory();
        var samples = TestImages.FashionMnist(dir, 400);
        var test = TestImages.FashionMnist(dir, 200, split: "test");
        var (labels, classes) = LabeledImageSet.ReadLabels(samples, "ground_truth", TestImages.FashionClasses);
        var data = LabeledImageSet.Decode(samples, labels, classes, ImagePreprocessing.Default);
        var epochs = new List<EpochResult>();
        using var model = ModelTrainer.Train(data, Enumerable.Range(0, data.Count).ToArray(), null, Small, onEpoch: epochs.Add);

        Assert.Equal(4, epochs.Count);
        Assert.True(epochs[^1].Loss < 0.7 * epochs[0].Loss, string.Join("; ", epochs));
        var (testLabels, _) = LabeledImageSet.ReadLabels(test, "ground_truth", classes);
        var testData = LabeledImageSet.Decode(test, testLabels, classes, ImagePreprocessing.Default);
        var (_, accuracy) = ModelTrainer.Evaluate(model, testData, Enumerable.Range(0, testData.Count).ToArray());
        Assert.True(accuracy > 0.45, $"test accuracy {accuracy:P1} (chance is 10%)");
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_another_seed_does_not()
    {
        var dir = TestImages.NewDirectory();
        var samples = TestImages.FashionMnist(dir, 96);
        var (labels, classes) = LabeledImageSet.ReadLabels(samples, "ground_truth");
        var data = LabeledImageSet.Decode(samples, labels, classes, ImagePreprocessing.Default);
        var all = Enumerable.Range(0, data.Count).ToArray();
        var options = Small with { Epochs = 1 };
        float[] Logits(TrainingOptions o)
        {
            using var m = ModelTrainer.Train(data, all, null, o);
            return ModelTrainer.PredictLogits(m, data, all);
        }
        var first = Logits(options);
        Assert.Equal(first, Logits(options));
        Assert.NotEqual(first, Logits(options with { Seed = 8 }));
    }

    [Fact]
    public void Cross_validation_predicts_every_sample_out_of_fold()
    {
        var dir = TestImages.NewDirectory();
        var samples = TestImages.FashionMnist(dir, 90, skip: 500);
        var (labels, classes) = LabeledImageSet.ReadLabels(samples, "ground_truth");
        var data = LabeledImageSet.Decode(samples, labels, classes, ImagePreprocessing.Default);
        var batches = new HashSet<int>();
        var logits = CrossValidation.OutOfSampleLogits(data, 3, Small with { Epochs = 1 }, onBatch: (fold, _) => batches.Add(fold));
        Assert.Equal([0, 1, 2], batches.Order());
        Assert.Equal(90 * classes.Length, logits.Length);
        Assert.All(Enumerable.Range(0, 90), i => Assert.Contains(logits.AsSpan(i * classes.Length, classes.Length).ToArray(), v => v != 0));
    }

    [Fact]
    public void A_corrupt_image_mid_batch_is_reported_and_the_batch_goes_on()
    {
        var dir = TestImages.NewDirectory();
        var samples = TestImages.FashionMnist(dir, 10);
        File.WriteAllBytes(samples[4].Filepath, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        using var model = ImageClassifier.Create(new ModelHeader { Width = 0.125, Classes = TestImages.FashionClasses }, 1);
        var results = new List<SampleOutputs>();
        var failures = new List<Sample>();
        ImageInference.Run(model, samples, batchSize: 4, InferenceOutputs.Logits | InferenceOutputs.Embeddings, results.Add, (s, _) => failures.Add(s));
        Assert.Equal([samples[4]], failures);
        Assert.Equal(samples.Where((_, i) => i != 4), results.Select(r => r.Sample));
        Assert.All(results, r => { Assert.Equal(10, r.Logits!.Length); Assert.Equal(64, r.Embedding!.Length); });
    }
}

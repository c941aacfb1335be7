using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace FiftyOneBrain.Models;

/// <summary>
/// Trains a SimpleResNet on decoded images. Deterministic for a seed on one machine: libtorch's generator
/// seeds the initial weights, and a separate System.Random(seed) drives shuffling and augmentation.
/// </summary>
public static class ModelTrainer
{
    public static ImageClassifier Train(LabeledImageSet data, IReadOnlyList<int> trainIndices, IReadOnlyList<int>? validationIndices,
        TrainingOptions options, ImagePreprocessing? preprocessing = null,
        Action<BatchProgress>? onBatch = null, Action<EpochResult>? onEpoch = null, CancellationToken cancel = default)
    {
        options.Validate();
        if (trainIndices.Count < 2) throw new InvalidDataException($"Training needs at least 2 images, got {trainIndices.Count}.");
        preprocessing ??= ImagePreprocessing.Default;
        var header = new ModelHeader { Width = options.Width, Classes = data.Classes, Preprocessing = preprocessing };
        var model = ImageClassifier.Create(header, options.Seed);
        try
        {
            var clock = Stopwatch.StartNew();
            var last = Fit(model, data, trainIndices, validationIndices, options, onBatch, onEpoch, cancel);
            model.Network.eval();
            var record = new TrainingRecord
            {
                LabelField = options.LabelField, Epochs = options.Epochs, BatchSize = options.BatchSize, LearningRate = options.LearningRate,
                Seed = options.Seed, TrainingSamples = trainIndices.Count, ValidationSamples = validationIndices?.Count ?? 0,
                TrainingLoss = last.Loss, TrainingAccuracy = last.Accuracy, ValidationAccuracy = last.ValidationAccuracy,
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            };
            return model.WithTraining(record);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Splits 0..count-1 into (train, validation), holding out round(count * fraction) picked by the seed.</summary>
    public static (int[] Train, int[] Validation) Split(int count, double fraction, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var held = (int)Math.Round(count * fraction);
        return (order[held..].Order().ToArray(), order[..held].Order().ToArray());
    }

    private static EpochResult Fit(ImageClassifier model, LabeledImageSet data, IReadOnlyList<int> trainIndices, IReadOnlyList<int>? validationIndices,
        TrainingOptions options, Action<BatchProgress>? onBatch, Action<EpochResult>? onEpoch, CancellationToken cancel)
    {
        var net = model.Network;
        var rng = new Random(options.Seed);
        var assembler = new BatchAssembler(data, model.Preprocessing);
        var size = data.Size;
        var order = trainIndices.ToArray();
        var batches = (order.Length + options.BatchSize - 1) / options.BatchSize;
        using var optimizer = torch.optim.SGD(net.parameters(), options.LearningRate, options.Momentum, 0, options.WeightDecay, true, false);
        using var sgd = new SgdStep(optimizer); // TorchSharp's update, on owned Scalars (see TorchScalars)
        var schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, options.LearningRate, options.Epochs * batches);
        var buffer = new float[options.BatchSize * data.BytesPerImage];
        var labels = new long[options.BatchSize];
        EpochResult? result = null;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            TorchRuntime.UseThreadsFor(3.0 * model.Shape.MultiplyAdds * options.BatchSize); // forward + two backward passes; validation may have changed it
            rng.Shuffle(order);
            net.train();
            double lossSum = 0;
            long correct = 0, seen = 0;
            for (var b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                var indices = order.AsSpan(b * options.BatchSize, Math.Min(options.BatchSize, order.Length - b * options.BatchSize));
                var lr = optimizer.ParamGroups.First().LearningRate;
                if (indices.Length < 2) { schedule.step(); continue; } // batch norm cannot train on one image
                assembler.Fill(indices, buffer, options.Augment ? rng : null);
                for (var k = 0; k < indices.Length; k++) labels[k] = data.Labels[indices[k]];
                using (var scope = torch.NewDisposeScope())
                {
                    var x = torch.tensor(buffer.AsSpan(0, indices.Length * data.BytesPerImage).ToArray(), new long[] { indices.Length, 3, size, size });
                    var y = torch.tensor(labels.AsSpan(0, indices.Length).ToArray());
                    var logits = net.forward(x);
                    var loss = nn.functional.cross_entropy(logits, y);
                    optimizer.zero_grad();
                    loss.backward();
                    sgd.Step();
                    lossSum += loss.item<float>() * indices.Length;
                    correct += logits.argmax(1).eq(y).sum().item<long>();
                    seen += indices.Length;
                }
                schedule.step();
                onBatch?.Invoke(new BatchProgress(epoch, options.Epochs, b + 1, batches, lossSum / Math.Max(1, seen), (double)correct / Math.Max(1, seen), lr));
            }
            var (valLoss, valAccuracy) = validationIndices is { Count: > 0 } ? Evaluate(model, data, validationIndices, options.BatchSize) : ((double?)null, (double?)null);
            result = new EpochResult(epoch, options.Epochs, lossSum / Math.Max(1, seen), (double)correct / Math.Max(1, seen), valLoss, valAccuracy, (int)seen, clock.Elapsed);
            onEpoch?.Invoke(result);
        }
        return result!;
    }

    /// <summary>Mean cross-entropy and accuracy on stored images, without augmentation or gradients.</summary>
    public static (double Loss, double Accuracy) Evaluate(ImageClassifier model, LabeledImageSet data, IReadOnlyList<int> indices, int batchSize = 256)
    {
        var logits = PredictLogits(model, data, indices, batchSize);
        var k = data.Classes.Length;
        double loss = 0;
        var correct = 0;
        for (var i = 0; i < indices.Count; i++)
        {
            var row = logits.AsSpan(i * k, k);
            var label = data.Labels[indices[i]];
            var max = row[0];
            var best = 0;
            for (var j = 1; j < k; j++) if (row[j] > max) { max = row[j]; best = j; }
            double sum = 0;
            for (var j = 0; j < k; j++) sum += Math.Exp(row[j] - max);
            loss += Math.Log(sum) + max - row[label];
            if (best == label) correct++;
        }
        return (loss / indices.Count, (double)correct / indices.Count);
    }

    /// <summary>Logits (indices.Count x classes, row-major) of stored images.</summary>
    public static float[] PredictLogits(ImageClassifier model, LabeledImageSet data, IReadOnlyList<int> indices, int batchSize = 256)
    {
        var k = model.Classes.Count;
        var result = new float[indices.Count * k];
        var assembler = new BatchAssembler(data, model.Preprocessing);
        var buffer = new float[batchSize * data.BytesPerImage];
        TorchRuntime.UseThreadsFor((double)model.Shape.MultiplyAdds * batchSize);
        var all = indices.ToArray();
        for (var start = 0; start < all.Length; start += batchSize)
        {
            var chunk = all.AsSpan(start, Math.Min(batchSize, all.Length - start));
            assembler.Fill(chunk, buffer, augment: null);
            var outputs = model.Run(buffer.AsSpan(0, chunk.Length * data.BytesPerImage), chunk.Length, logits: true, embeddings: false);
            outputs.Logits!.CopyTo(result.AsSpan(start * k));
        }
        return result;
    }
}

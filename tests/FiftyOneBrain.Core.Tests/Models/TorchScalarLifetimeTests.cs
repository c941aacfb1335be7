using FiftyOneBrain.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FiftyOneBrain.Tests.Models;

/// <summary>
/// Training and inference while another thread keeps the garbage collector busy: a Scalar that TorchSharp made
/// implicitly could be finalized while libtorch read it (issue 11, "Expected false to be true ... toLong"), so the
/// model code owns every Scalar it passes. Also: the owned SGD step updates exactly as TorchSharp's SGD.step does.
/// </summary>
public sealed class TorchScalarLifetimeTests
{
    /// <summary>Runs <paramref name="work"/> while a thread collects generation 0 every millisecond or so; returns the collection count.</summary>
    private static int UnderCollections(Action work)
    {
        var stop = 0;
        var collections = 0;
        var collector = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0) { GC.Collect(0); collections++; Thread.Sleep(1); }
        }) { IsBackground = true };
        collector.Start();
        try { work(); }
        finally
        {
            Volatile.Write(ref stop, 1);
            collector.Join();
        }
        return collections;
    }

    [Fact]
    public void Training_and_inference_survive_collections_on_another_thread()
    {
        var dir = TestImages.NewDirectory();
        var samples = TestImages.FashionMnist(dir, 48, skip: 900);
        var (labels, classes) = LabeledImageSet.ReadLabels(samples, "ground_truth");
        var data = LabeledImageSet.Decode(samples, labels, classes, ImagePreprocessing.Default);
        var all = Enumerable.Range(0, data.Count).ToArray();
        // Batches of 2: many small libtorch calls (batch-norm counts, residual adds, SGD updates) per second,
        // for a fixed time whatever the machine's load (training is cancelled, not finished).
        var options = new TrainingOptions { Width = 0.125, Epochs = 1000, BatchSize = 2, Seed = 3 };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var batches = 0;
        var collections = UnderCollections(() =>
        {
            Assert.Throws<OperationCanceledException>(() => ModelTrainer.Train(data, all, null, options, onBatch: _ => batches++, cancel: cancel.Token));
            using var model = ModelTrainer.Train(data, all[..8], null, options with { Epochs = 1 });
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 4)
                Assert.All(ModelTrainer.PredictLogits(model, data, all, batchSize: 2), v => Assert.True(float.IsFinite(v)));
        });
        Assert.True(batches > 50 && collections > 100, $"{batches} batches, {collections} collections");
    }

    [Fact]
    public void The_owned_SGD_step_matches_TorchSharp_SGD_with_the_one_cycle_schedule()
    {
        TorchRuntime.EnsureLoaded();
        var shape = new SimpleResNetShape(0.125, 3);
        torch.random.manual_seed(11);
        using var input = torch.randn(4, 3, 32, 32);
        using var target = torch.tensor(new long[] { 0, 1, 2, 1 });
        float[] Train(bool owned)
        {
            torch.random.manual_seed(5);
            using var net = new SimpleResNet(shape);
            net.train();
            using var optimizer = torch.optim.SGD(net.parameters(), 0.2, 0.9, 0, 5e-4, true, false);
            var schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, 0.2, 6);
            using var sgd = new SgdStep(optimizer);
            for (var step = 0; step < 6; step++)
            {
                using var scope = torch.NewDisposeScope();
                var loss = nn.functional.cross_entropy(net.forward(input), target);
                optimizer.zero_grad();
                loss.backward();
                if (owned) sgd.Step(); else optimizer.step();
                schedule.step();
            }
            return net.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }
        var reference = Train(owned: false);
        Assert.Equal(reference, Train(owned: true));
    }
}

using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>The real Fashion-MNIST test split (installed by dataset-fashion-mnist), unpacked to a per-user temp cache.</summary>
public sealed class FashionMnistTests
{
    /// <summary>Shared across test runs on purpose: the second run exercises the reuse path.</summary>
    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), $"fob-tests-fashion-mnist-{Environment.UserName}");

    [Fact]
    public void Test_split_has_10000_samples_1000_per_class()
    {
        var samples = FashionMnist.Read("test", CacheDirectory);

        Assert.Equal(10_000, samples.Count);
        var perClass = samples.GroupBy(s => s.GetField<Classification>("ground_truth")!.Label!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(FashionMnist.Classes.OrderBy(c => c, StringComparer.Ordinal), perClass.Keys.OrderBy(c => c, StringComparer.Ordinal));
        Assert.All(perClass.Values, n => Assert.Equal(1000, n));
        Assert.Equal(10_000, samples.Select(s => s.Filepath).Distinct().Count());
        var meta = samples[^1].Metadata!;
        Assert.Equal((28, 28, 1), (meta.Width, meta.Height, meta.NumChannels));
        // The first test image of Fashion-MNIST is an ankle boot (label 9).
        Assert.Equal("Ankle boot", samples[0].GetField<Classification>("ground_truth")!.Label);
    }
}

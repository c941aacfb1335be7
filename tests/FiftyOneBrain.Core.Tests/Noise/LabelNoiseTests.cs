using FiftyOneBrain.Noise;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Noise;

public class LabelNoiseTests
{
    private static List<Sample> Make(int n, int classes = 3) => Enumerable.Range(0, n).Select(i =>
    {
        var s = new Sample($"/img/{i}.png");
        s.SetField("ground_truth", new Classification($"c{i % classes}"));
        return s;
    }).ToList();

    [Fact]
    public void Replaces_exactly_the_fraction_with_a_different_class_and_keeps_the_original()
    {
        var samples = Make(100);
        var report = LabelNoise.Inject(samples, new LabelNoiseOptions { Fraction = 0.2, Seed = 7 });
        Assert.Equal((100, 20), (report.Processed, report.Mistakes));
        var mistakes = samples.Where(s => s.Tags.Contains("mistake")).ToList();
        Assert.Equal(20, mistakes.Count);
        Assert.All(samples, s => Assert.Contains("processed", s.Tags));
        Assert.All(mistakes, s => Assert.NotEqual(((Classification)s["ground_truth_original"]!).Label, ((Classification)s["ground_truth"]!).Label));
        Assert.All(samples.Except(mistakes), s => Assert.Equal(((Classification)s["ground_truth_original"]!).Label, ((Classification)s["ground_truth"]!).Label));
    }

    [Fact]
    public void Count_limits_the_processed_samples()
    {
        var samples = Make(50);
        var report = LabelNoise.Inject(samples, new LabelNoiseOptions { Fraction = 0.5, Count = 10, Seed = 1 });
        Assert.Equal((10, 5), (report.Processed, report.Mistakes));
        Assert.Equal(10, samples.Count(s => s.Tags.Contains("processed")));
        Assert.Equal(40, samples.Count(s => !s.HasField("ground_truth_original")));
    }

    [Fact]
    public void Same_seed_same_noise_other_seed_other_noise()
    {
        string Run(int seed)
        {
            var samples = Make(200);
            LabelNoise.Inject(samples, new LabelNoiseOptions { Seed = seed });
            return string.Join(",", samples.Select(s => ((Classification)s["ground_truth"]!).Label));
        }
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    [Fact]
    public void A_sample_without_a_classification_is_rejected_before_any_change()
    {
        var samples = Make(5);
        samples.Add(new Sample("/img/none.png"));
        Assert.Throws<ArgumentException>(() => LabelNoise.Inject(samples, new LabelNoiseOptions()));
        Assert.All(samples, s => Assert.Empty(s.Tags));
    }

    [Fact]
    public void One_class_cannot_be_swapped() =>
        Assert.Throws<ArgumentException>(() => LabelNoise.Inject(Make(10, classes: 1), new LabelNoiseOptions()));
}

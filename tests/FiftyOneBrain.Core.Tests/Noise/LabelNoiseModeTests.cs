using FiftyOneBrain.Noise;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Noise;

public class LabelNoiseModeTests
{
    private static List<Sample> Make(int perClass, params string[] classes) =>
        Enumerable.Range(0, perClass * classes.Length).Select(i =>
        {
            var s = new Sample($"/img/{i}.png");
            s.SetField("ground_truth", new Classification(classes[i % classes.Length]));
            return s;
        }).ToList();

    private static string Label(Sample s, string field = "ground_truth") => ((Classification)s[field]!).Label!;

    [Fact]
    public void Asymmetric_flips_only_the_given_pairs_at_the_rate_per_class()
    {
        var samples = Make(50, "a", "b", "c");
        var pairs = new Dictionary<string, string> { ["a"] = "b", ["c"] = "a" };
        var report = LabelNoise.Inject(samples, new LabelNoiseOptions { Mode = LabelNoiseMode.Asymmetric, Pairs = pairs, Fraction = 0.2, Seed = 3 });
        Assert.Equal(20, report.Mistakes); // round(0.2 x 50) from a and from c, none from b
        var flipped = samples.Where(s => s.Tags.Contains("mistake")).ToList();
        Assert.Equal(20, flipped.Count);
        Assert.Equal(10, flipped.Count(s => Label(s, "ground_truth_original") == "a" && Label(s) == "b"));
        Assert.Equal(10, flipped.Count(s => Label(s, "ground_truth_original") == "c" && Label(s) == "a"));
        Assert.All(samples.Where(s => Label(s, "ground_truth_original") == "b"), s => Assert.Equal("b", Label(s)));
        Assert.All(samples.Except(flipped), s => Assert.Equal(Label(s, "ground_truth_original"), Label(s)));
    }

    [Fact]
    public void Asymmetric_is_seeded()
    {
        string Run(int seed)
        {
            var samples = Make(40, "a", "b");
            LabelNoise.Inject(samples, new LabelNoiseOptions { Mode = LabelNoiseMode.Asymmetric, Pairs = new Dictionary<string, string> { ["a"] = "b" }, Seed = seed });
            return string.Join(",", samples.Select(s => Label(s)));
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Matrix_moves_the_rounded_share_of_each_row()
    {
        var samples = Make(40, "a", "b", "c");
        var matrix = new[]
        {
            new[] { 0.75, 0.25, 0.0 }, // 10 of a's 40 -> b
            new[] { 0.0, 1.0, 0.0 },   // b untouched
            new[] { 0.1, 0.2, 0.7 },   // 4 of c -> a, 8 of c -> b
        };
        var report = LabelNoise.Inject(samples, new LabelNoiseOptions { Mode = LabelNoiseMode.Matrix, Matrix = matrix, Seed = 1 });
        Assert.Equal(22, report.Mistakes);
        int Moved(string from, string to) => samples.Count(s => Label(s, "ground_truth_original") == from && Label(s) == to);
        Assert.Equal((10, 0, 4, 8, 0, 0), (Moved("a", "b"), Moved("a", "c"), Moved("c", "a"), Moved("c", "b"), Moved("b", "a"), Moved("b", "c")));
        Assert.Equal(22, samples.Count(s => s.Tags.Contains("mistake")));
    }

    [Theory]
    [InlineData(0.5, 0.4)]   // row does not sum to 1
    [InlineData(-0.1, 1.1)]  // out of range
    public void Matrix_rows_must_be_distributions(double p, double q) =>
        Assert.Throws<ArgumentException>(() => LabelNoise.Inject(Make(5, "a", "b"),
            new LabelNoiseOptions { Mode = LabelNoiseMode.Matrix, Matrix = new[] { new[] { p, q }, new[] { 0.0, 1.0 } } }));

    [Fact]
    public void Asymmetric_without_pairs_or_with_a_self_pair_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LabelNoise.Inject(Make(5, "a", "b"), new LabelNoiseOptions { Mode = LabelNoiseMode.Asymmetric }));
        Assert.Throws<ArgumentException>(() => LabelNoise.Inject(Make(5, "a", "b"),
            new LabelNoiseOptions { Mode = LabelNoiseMode.Asymmetric, Pairs = new Dictionary<string, string> { ["a"] = "a" } }));
    }

    [Fact]
    public void Pairs_from_confusion_take_each_rows_largest_off_diagonal()
    {
        var classes = new[] { "a", "b", "c" };
        var confusion = new[] { new[] { 90.0, 3, 7 }, new[] { 5.0, 95, 0 }, new[] { 0.0, 0, 100 } };
        var pairs = LabelNoise.PairsFromConfusion(classes, confusion);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "c", ["b"] = "a" }, pairs); // c was never confused: no partner
    }

    [Fact]
    public void Confusion_counts_labels_against_predictions()
    {
        var samples = Make(2, "a", "b");
        samples[0].SetField("p", new Classification("b")); // a -> b
        samples[1].SetField("p", new Classification("b")); // b -> b
        samples[2].SetField("p", new Classification("a")); // a -> a
        var m = LabelNoise.Confusion(samples, "ground_truth", "p", new[] { "a", "b" });
        Assert.Equal(new[] { new[] { 1.0, 1 }, new[] { 0.0, 1 } }, m);
    }
}

using FiftyOneBrain.Imaging.Quality;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Imaging;

/// <summary>Thresholds, issue marking and the streamed scoring around the formulas.</summary>
public sealed class ImageQualityVerdictTests
{
    private static ImageQualityScores Scores(double dark = 0.9, double blurry = 0.9, int w = 100, int h = 100) =>
        new(dark, 0.5, AspectRatioScore.Compute(w, h), 0.9, blurry, 1, w, h);

    [Fact]
    public void Overrides_replace_defaults_by_name_in_any_case_and_reject_unknown_or_out_of_range()
    {
        var t = ImageQualityVerdict.Thresholds(new[] { new KeyValuePair<string, double>("DARK", 0.5) });
        Assert.Equal(0.5, t[ImageQualityCheck.Dark]);
        Assert.Equal(0.29, t[ImageQualityCheck.Blurry]);
        Assert.Throws<ArgumentException>(() => ImageQualityVerdict.Thresholds(new[] { new KeyValuePair<string, double>("darkness", 0.5) }));
        Assert.Throws<ArgumentException>(() => ImageQualityVerdict.Thresholds(new[] { new KeyValuePair<string, double>("dark", 1.5) }));
        Assert.Throws<ArgumentException>(() => ImageQualityVerdict.Thresholds(new[] { new KeyValuePair<string, double>("dark", double.NaN) }));
    }

    [Fact]
    public void An_issue_is_a_score_strictly_below_its_threshold()
    {
        var defaults = ImageQualityVerdict.Thresholds(Array.Empty<KeyValuePair<string, double>>());
        var verdicts = ImageQualityVerdict.Judge(new[] { Scores(dark: 0.32), Scores(dark: 0.3199), Scores(blurry: 0.1) }, defaults, oddSizeOverridden: false);
        Assert.Empty(verdicts[0].Issues);
        Assert.Equal(new[] { "dark" }, verdicts[1].Issues);
        Assert.Equal(new[] { "blurry" }, verdicts[2].Issues);
        Assert.Equal(7, verdicts[0].Scores.Count);
    }

    [Fact]
    public void Odd_size_uses_cleanvisions_threshold_unless_overridden()
    {
        // Eight 100x100 images and one 110x110: every middle size equal, so cleanvision flags anything below 1.
        var images = Enumerable.Repeat(Scores(), 8).Append(Scores(w: 110, h: 110)).ToArray();
        var defaults = ImageQualityVerdict.Thresholds(Array.Empty<KeyValuePair<string, double>>());
        Assert.Equal(new[] { "odd_size" }, ImageQualityVerdict.Judge(images, defaults, false)[8].Issues);
        var lenient = ImageQualityVerdict.Thresholds(new[] { new KeyValuePair<string, double>("odd_size", 0.5) });
        Assert.Empty(ImageQualityVerdict.Judge(images, lenient, true)[8].Issues); // score 0.9
    }

    [Fact]
    public void The_stream_returns_outcomes_in_arrival_order_with_per_sample_errors()
    {
        var dir = Directory.CreateTempSubdirectory("fo-quality-").FullName;
        try
        {
            var paths = Enumerable.Range(0, 6).Select(i => Path.Combine(dir, $"{i}.png")).ToArray();
            for (var i = 0; i < paths.Length; i++)
                File.WriteAllBytes(paths[i], BadImages.Encode(20 + i, 10, SkiaSharp.SKEncodedImageFormat.Png, new SkiaSharp.SKColor((byte)(40 * i), 0, 0)));
            File.WriteAllText(paths[3], "not an image");
            var stream = new ImageQualityStream(false, 0, parallelism: 2);
            var outcomes = new List<ImageQualityStream.Outcome>();
            foreach (var path in paths) outcomes.AddRange(stream.Add(new Sample(path)));
            outcomes.AddRange(stream.Finish());
            Assert.Equal(paths, outcomes.Select(o => o.Sample.Filepath));
            Assert.IsType<InvalidDataException>(outcomes[3].Error);
            Assert.Null(outcomes[3].Scores);
            for (var i = 0; i < paths.Length; i++)
                if (i != 3) Assert.Equal(20 + i, outcomes[i].Scores!.Width);
        }
        finally { Directory.Delete(dir, true); }
    }
}

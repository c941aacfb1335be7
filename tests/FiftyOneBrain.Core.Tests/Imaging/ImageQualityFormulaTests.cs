using System.Text.Json;
using FiftyOneBrain.Imaging.Quality;

namespace FiftyOneBrain.Tests.Imaging;

/// <summary>
/// Each cleanvision formula on the synthetic PNGs in fixtures/image_quality against the values Debian's
/// python3-pil 9.4 and numpy give (fixtures/generate_image_quality.py wrote both).
/// </summary>
public sealed class ImageQualityFormulaTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<JsonDocument> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDirectory(), "image_quality.json"))));

    private static string FixtureDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "FiftyOneBrain.Core.Tests", "Imaging", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/FiftyOneBrain.Core.Tests/Imaging/fixtures not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var c in Expected.Value.RootElement.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("file").GetString()!);
        return data;
    }

    private static (QualityImage Image, JsonElement Case) Load(string file)
    {
        var c = Expected.Value.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("file").GetString() == file);
        return (QualityImageDecoder.Decode(Path.Combine(FixtureDirectory(), "image_quality", file)), c);
    }

    private static double Value(JsonElement c, string name) => c.GetProperty(name).GetDouble();

    [Theory]
    [MemberData(nameof(Files))]
    public void The_decode_has_pillows_size_and_bands(string file)
    {
        var (image, c) = Load(file);
        Assert.Equal(c.GetProperty("width").GetInt32(), image.Width);
        Assert.Equal(c.GetProperty("height").GetInt32(), image.Height);
        var bands = c.GetProperty("mode").GetString() switch { "L" => 1, "RGB" => 3, "RGBA" => 4, var m => throw new InvalidDataException(m) };
        Assert.Equal(bands, image.Channels);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dark_and_light_are_numpys_brightness_percentiles(string file)
    {
        var (image, c) = Load(file);
        var (dark, light) = BrightnessPercentiles.Scores(image);
        Assert.Equal(Value(c, "dark"), dark, Tolerance);
        Assert.Equal(Value(c, "light"), light, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Entropy_and_low_information_are_pillows(string file)
    {
        var (image, c) = Load(file);
        Assert.Equal(Value(c, "entropy"), HistogramEntropy.Entropy(image), Tolerance);
        Assert.Equal(Value(c, "low_information"), HistogramEntropy.LowInformationScore(image), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Aspect_ratio_and_grayscale_are_cleanvisions(string file)
    {
        var (image, c) = Load(file);
        Assert.Equal(Value(c, "odd_aspect_ratio"), AspectRatioScore.Compute(image.Width, image.Height), Tolerance);
        Assert.Equal(Value(c, "grayscale"), GrayscaleScore.Compute(image));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_resized_grey_image_is_pillows_pixel_for_pixel(string file)
    {
        var (image, c) = Load(file);
        var (w, h) = BlurrinessScore.ResizedSize(image.Width, image.Height);
        var resized = c.GetProperty("resized").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(resized, new[] { w, h });
        var pixels = w == image.Width && h == image.Height ? image.Pixels : BlurrinessScore.Resize(image, w, h);
        var grey = PillowGrey.Convert(pixels, w, h, image.Channels);
        var head = c.GetProperty("grey_head").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        Assert.Equal(head, grey.Take(head.Length).ToArray());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Blurry_parts_and_score_are_cleanvisions(string file)
    {
        var (image, c) = Load(file);
        var parts = BlurrinessScore.Measure(image);
        Assert.Equal(Value(c, "edge_std"), parts.EdgeStd, Tolerance);
        Assert.Equal(Value(c, "histogram_std"), parts.HistogramStd, Tolerance);
        Assert.Equal(Value(c, "blurry"), parts.Score, Tolerance);
    }

    [Fact]
    public void Odd_size_over_the_fixture_set_is_cleanvisions()
    {
        var cases = Expected.Value.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        var sizes = cases.Select(c => OddSizeScores.SideOf(c.GetProperty("width").GetInt32(), c.GetProperty("height").GetInt32())).ToArray();
        var result = OddSizeScores.Compute(sizes);
        for (var i = 0; i < cases.Length; i++) Assert.Equal(Value(cases[i], "odd_size"), result.Scores[i], Tolerance);
        Assert.Equal(Expected.Value.RootElement.GetProperty("odd_size_threshold").GetDouble(), result.Threshold);
    }

    [Fact]
    public void Odd_size_with_equal_middle_sizes_divides_by_mid_and_flags_below_1()
    {
        var equal = Expected.Value.RootElement.GetProperty("equal_sizes");
        var sizes = equal.GetProperty("sizes").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var result = OddSizeScores.Compute(sizes);
        var expected = equal.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var i = 0; i < sizes.Length; i++) Assert.Equal(expected[i], result.Scores[i], Tolerance);
        Assert.Equal(equal.GetProperty("threshold").GetDouble(), result.Threshold);
    }
}

using FiftyOneBrain.Imaging.Quality;

namespace FiftyOneBrain.Tests.Imaging;

/// <summary>The image-quality formulas on cases small enough to work out by hand.</summary>
public sealed class ImageQualityHandTests
{
    private static QualityImage Grey(int w, int h, params byte[] v) => new(w, h, 1, v);

    [Fact]
    public void Two_grey_levels_in_equal_parts_are_one_bit()
    {
        Assert.Equal(1.0, HistogramEntropy.Entropy(Grey(2, 1, 0, 255)), 12);
        Assert.Equal(0.1, HistogramEntropy.LowInformationScore(Grey(2, 1, 0, 255)), 12);
    }

    [Fact]
    public void An_rgb_pixel_is_three_bins_of_one_histogram()
    {
        // Pillow's RGB histogram is 768 bins, one per band value: a single pixel fills three of them equally.
        Assert.Equal(Math.Log2(3), HistogramEntropy.Entropy(new QualityImage(1, 1, 3, new byte[] { 1, 2, 3 })), 12);
    }

    [Fact]
    public void Find_edges_is_eight_centre_minus_neighbours_clamped_with_the_border_kept()
    {
        var edges = PillowFindEdges.Apply(new byte[] { 1, 2, 3, 4, 10, 6, 7, 8, 9 }, 3, 3);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 40, 6, 7, 8, 9 }, edges); // 80 − (1+2+3+4+6+7+8+9) = 40
        Assert.Equal(0, PillowFindEdges.Apply(new byte[] { 9, 9, 9, 9, 0, 9, 9, 9, 9 }, 3, 3)[4]);
        Assert.Equal(new byte[] { 5, 6 }, PillowFindEdges.Apply(new byte[] { 5, 6 }, 2, 1));
    }

    [Fact]
    public void Brightness_weights_and_percentiles_interpolate_linearly()
    {
        // Pixel brightness: pure red √0.241, pure green √0.691, pure blue √0.068, black 0.
        var image = new QualityImage(4, 1, 3, new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0 });
        var sorted = new[] { 0, Math.Sqrt(0.068), Math.Sqrt(0.241), Math.Sqrt(0.691) };
        // numpy: position 3 × 0.99 = 2.97 → sorted[2] + 0.97 (sorted[3] − sorted[2]); 3 × 0.05 = 0.15.
        Assert.Equal(sorted[2] + 0.97 * (sorted[3] - sorted[2]), BrightnessPercentiles.DarkScore(image), 12);
        Assert.Equal(1 - 0.15 * sorted[1], BrightnessPercentiles.LightScore(image), 12);
        // Grey: value / 255; sorted 0, 0, 1 and position 2 × 0.99 = 1.98 → 0.98.
        Assert.Equal(0.98, BrightnessPercentiles.DarkScore(Grey(3, 1, 0, 255, 0)), 12);
        Assert.Equal(1.0, BrightnessPercentiles.DarkScore(Grey(3, 1, 0, 255, 255)), 12);
    }

    [Fact]
    public void Aspect_ratio_is_the_shorter_over_the_longer_side()
    {
        Assert.Equal(0.5, AspectRatioScore.Compute(200, 100));
        Assert.Equal(0.25, AspectRatioScore.Compute(10, 40));
        Assert.Equal(1.0, AspectRatioScore.Compute(7, 7));
    }

    [Fact]
    public void Blurry_adds_the_histogram_term_only_above_its_threshold()
    {
        // e = 0: blur term 0. h = 10: 1 − e^−0.1 ≈ 0.095 ≤ 0.18, dropped. h = 30: 1 − e^−0.3 ≈ 0.259, kept.
        Assert.Equal(0.0, BlurrinessScore.Score(0, 10), 12);
        Assert.Equal(1 - Math.Exp(-0.3), BlurrinessScore.Score(0, 30), 12);
        Assert.Equal(1.0, BlurrinessScore.Score(500, 500), 12);
    }

    [Theory]
    [InlineData(1920, 1080, 64, 36)]
    [InlineData(64, 10, 64, 10)]
    [InlineData(65, 1, 64, 1)]
    [InlineData(100, 37, 64, 23)]
    public void Blurry_resizes_the_longer_side_to_64(int w, int h, int ew, int eh) =>
        Assert.Equal((ew, eh), BlurrinessScore.ResizedSize(w, h));

    [Fact]
    public void A_constant_image_resizes_to_the_same_constant()
    {
        var pixels = Enumerable.Repeat((byte)77, 300 * 90 * 3).ToArray();
        Assert.All(PillowBicubicResize.Resize(pixels, 300, 90, 3, 64, 19), v => Assert.Equal(77, v));
    }

    [Fact]
    public void Grayscale_flags_one_channel_and_with_the_switch_equal_channels()
    {
        var grey = new QualityImage(1, 1, 3, new byte[] { 9, 9, 9 });
        Assert.Equal(0, GrayscaleScore.Compute(Grey(1, 1, 9)));
        Assert.Equal(1, GrayscaleScore.Compute(grey));
        Assert.Equal(0, GrayscaleScore.Compute(grey, equalChannels: true));
        Assert.Equal(1, GrayscaleScore.Compute(new QualityImage(1, 1, 3, new byte[] { 9, 9, 8 }), equalChannels: true));
    }

    [Fact]
    public void Odd_size_bounds_are_three_iqrs_beyond_the_quartiles()
    {
        // s = 10, 20, 30, 40, 50: Q1 20, Q3 40, IQR 20; lo −40, hi 100, mid 30, gap 140.
        var result = OddSizeScores.Compute(new double[] { 10, 20, 30, 40, 50 });
        var expected = new[] { 1 - 20 / 140.0, 1 - 10 / 140.0, 1, 1 - 10 / 140.0, 1 - 20 / 140.0 };
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Scores[i], 12);
        Assert.Equal(0.5, result.Threshold);
        Assert.Equal(Math.Sqrt(6) * Math.Sqrt(24), OddSizeScores.SideOf(6, 24));
    }
}

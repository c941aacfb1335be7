using FiftyOneBrain.Models;

namespace FiftyOneBrain.Tests.Models;

public sealed class ImageDecoderTests
{
    [Fact]
    public void Bilinear_resize_uses_half_pixel_centres()
    {
        // 2x1 source (red 0 and 200) to 4x4: source x = (i + 0.5) * 0.5 - 0.5 = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1)
        byte[] rgba = [0, 10, 20, 255, 200, 30, 20, 0];
        var output = new byte[3 * 16];
        ImageDecoder.ResizeBilinear(rgba, 2, 1, 4, output);
        Assert.Equal(new byte[] { 0, 50, 150, 200 }, output[..4]);          // red, first row
        Assert.Equal(new byte[] { 10, 15, 25, 30 }, output[16..20]);        // green, first row
        Assert.Equal(new byte[] { 20, 20, 20, 20 }, output[32..36]);        // blue, first row
        Assert.Equal(output[..4], output[12..16]);                           // rows repeat (1-pixel-high source)
    }

    [Fact]
    public void Grey_png_becomes_three_equal_channels()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "grey.png");
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => (byte)(i % 251)).ToArray();
        TestImages.WriteGreyPng(path, pixels, 32, 32);
        var planar = new byte[3 * 1024];
        ImageDecoder.DecodePlanarRgb(path, 32, planar);
        Assert.Equal(pixels, planar[..1024]);
        Assert.Equal(pixels, planar[1024..2048]);
        Assert.Equal(pixels, planar[2048..]);
    }

    [Fact]
    public void Rgba_png_drops_alpha_and_keeps_colour()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "rgba.png");
        var rgba = new byte[32 * 32 * 4];
        for (var i = 0; i < 32 * 32; i++) { rgba[4 * i] = 200; rgba[4 * i + 1] = 100; rgba[4 * i + 2] = 50; rgba[4 * i + 3] = 64; }
        TestImages.WriteRgbaPng(path, rgba, 32, 32);
        var planar = new byte[3 * 1024];
        ImageDecoder.DecodePlanarRgb(path, 32, planar);
        Assert.All(planar[..1024], v => Assert.InRange(v, 198, 202));
        Assert.All(planar[1024..2048], v => Assert.InRange(v, 98, 102));
        Assert.All(planar[2048..], v => Assert.InRange(v, 48, 52));
    }

    [Fact]
    public void Any_size_is_resized_to_the_network_input()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "odd.png");
        TestImages.WriteGreyPng(path, Enumerable.Repeat((byte)77, 57 * 9).ToArray(), 57, 9);
        var planar = new byte[3 * 1024];
        ImageDecoder.DecodePlanarRgb(path, 32, planar);
        Assert.All(planar, v => Assert.Equal(77, v));
    }

    [Fact]
    public void Corrupt_and_missing_files_are_clear_errors()
    {
        var dir = TestImages.NewDirectory();
        var corrupt = Path.Combine(dir, "corrupt.png");
        File.WriteAllBytes(corrupt, "not an image at all"u8.ToArray());
        var planar = new byte[3 * 1024];
        Assert.Throws<InvalidDataException>(() => ImageDecoder.DecodePlanarRgb(corrupt, 32, planar));
        Assert.Throws<FileNotFoundException>(() => ImageDecoder.DecodePlanarRgb(Path.Combine(dir, "missing.png"), 32, planar));
    }

    [Fact]
    public void Normalise_applies_DESIGN_mean_and_std()
    {
        var planar = new byte[3 * 1024];
        planar[0] = 255; planar[1024] = 0; planar[2048] = 128;
        var values = new float[3 * 1024];
        ImagePreprocessing.Default.Normalize(planar, values);
        Assert.Equal((1f - 0.4914f) / 0.2023f, values[0], 4);
        Assert.Equal((0f - 0.4822f) / 0.1994f, values[1024], 4);
        Assert.Equal((128f / 255f - 0.4465f) / 0.2010f, values[2048], 4);
    }
}

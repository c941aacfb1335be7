using FiftyOneBrain.Models;
using FiftyOneBrain.Models.Onnx;

namespace FiftyOneBrain.Tests.Models;

public sealed class OnnxPreprocessingTests
{
    [Theory]
    [InlineData(new[] { -1, 3, 299, 299 }, 299, "NCHW")]
    [InlineData(new[] { 1, 3, -1, -1 }, 224, "NCHW")]
    [InlineData(new[] { 1, 128, 128, 3 }, 128, "NHWC")]
    public void Defaults_follow_the_input_shape(int[] shape, int size, string layout)
    {
        var p = OnnxPreprocessing.InferFrom(shape);

        Assert.Equal((size, layout, "RGB", 1f / 255f), (p.Size!.Value, p.Layout, p.ChannelOrder, p.Scale!.Value));
        Assert.Equal(OnnxPreprocessing.ImageNetMean, p.Mean);
        Assert.Equal(OnnxPreprocessing.ImageNetStd, p.Std);
    }

    [Theory]
    [InlineData(1f / 255f, 0.5f, 0.25f)]
    [InlineData(1f, 120f, 60f)]
    public void Decoding_gives_pixel_times_scale_minus_mean_over_std(float scale, float mean, float std)
    {
        var p = new OnnxPreprocessing { Size = 1, Scale = scale, Mean = [mean, mean, mean], Std = [std, std, std] }.Over(OnnxPreprocessing.InferFrom([1, 3, 1, 1]));
        var values = new float[3];

        p.ToDecoding().Normalize([0, 128, 255], values);

        for (var c = 0; c < 3; c++)
            Assert.Equal((new[] { 0, 128, 255 }[c] * scale - mean) / std, values[c], 1e-4f);
    }

    [Fact]
    public void Arrange_swaps_channels_and_interleaves_for_nhwc()
    {
        // Two 2x2 images, planar RGB: image n, channel c, pixel i = 100n + 10c + i.
        float[] planar = [.. Enumerable.Range(0, 2).SelectMany(n => Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, 4).Select(i => 100f * n + 10 * c + i)))];
        var bgrNhwc = new OnnxPreprocessing { ChannelOrder = "BGR", Layout = "NHWC" }.Over(OnnxPreprocessing.InferFrom([1, 3, 2, 2]));
        var output = new float[24];

        bgrNhwc.Arrange(planar, output, 2);

        // pixel by pixel, B G R
        float[] expected = [.. Enumerable.Range(0, 2).SelectMany(n => Enumerable.Range(0, 4).SelectMany(i => new[] { 2, 1, 0 }.Select(c => 100f * n + 10 * c + i)))];
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Arrange_keeps_planes_for_rgb_nchw()
    {
        var p = OnnxPreprocessing.InferFrom([1, 3, 2, 2]);
        float[] planar = [.. Enumerable.Range(0, 12).Select(i => (float)i)];
        var output = new float[12];

        p.Arrange(planar, output, 1);

        Assert.Equal(planar, output);
    }

    [Fact]
    public void Loose_values_become_a_description_and_unknown_keys_are_refused()
    {
        var p = OnnxPreprocessing.FromValues([new("size", 96), new("MEAN", new object[] { 1, 2.5, 3 }), new("ChannelOrder", "BGR")]);

        Assert.Equal((96, "BGR"), (p.Size!.Value, p.ChannelOrder));
        Assert.Equal([1f, 2.5f, 3f], p.Mean);
        Assert.Null(p.Std);
        Assert.Throws<ArgumentException>(() => OnnxPreprocessing.FromValues([new("colour", "RGB")]));
    }

    [Theory]
    [InlineData("Resize", "nearest")]
    [InlineData("ChannelOrder", "RGBA")]
    [InlineData("Layout", "CHW")]
    public void Unsupported_settings_are_refused_with_their_name(string key, string value)
    {
        var p = OnnxPreprocessing.FromValues([new(key, value)]).Over(OnnxPreprocessing.InferFrom([1, 3, 8, 8]));

        var e = Assert.Throws<InvalidDataException>(() => p.Validate("m.onnx"));
        Assert.Contains(value, e.Message);
    }
}

using FiftyOneBrain.Models;
using FiftyOneBrain.Models.Onnx;

namespace FiftyOneBrain.Tests.Models;

public sealed class NonSquareInputTests
{
    [Fact]
    public void The_input_shape_gives_height_and_width()
    {
        var nchw = OnnxPreprocessing.InferFrom(new[] { 1, 3, 160, 224 });
        Assert.Equal((160, 224), (nchw.InputHeight, nchw.InputWidth));
        var nhwc = OnnxPreprocessing.InferFrom(new[] { -1, 96, 128, 3 });
        Assert.Equal((96, 128, "NHWC"), (nhwc.InputHeight, nhwc.InputWidth, nhwc.Layout));
        var square = OnnxPreprocessing.InferFrom(new[] { 1, 3, 224, 224 });
        Assert.Equal((224, null, null), (square.Size, square.Width, square.Height));
    }

    [Fact]
    public void A_given_size_is_both_sides_and_width_or_height_override_it()
    {
        var inferred = OnnxPreprocessing.InferFrom(new[] { 1, 3, 160, 224 });
        var size = new OnnxPreprocessing { Size = 200 }.Over(inferred);
        Assert.Equal((200, 200), (size.InputHeight, size.InputWidth));
        var width = new OnnxPreprocessing { Width = 256 }.Over(inferred);
        Assert.Equal((160, 256), (width.InputHeight, width.InputWidth));
    }

    [Fact]
    public void Decoding_holds_the_rectangle()
    {
        var p = OnnxPreprocessing.InferFrom(new[] { 1, 3, 160, 224 });
        var decoding = p.ToDecoding();
        Assert.Equal((224, 160, 3 * 160 * 224), (decoding.OutputWidth, decoding.OutputHeight, decoding.ValuesPerImage));
    }

    [Theory]
    // 300x200 image into a 224x160 (7:5) output: the largest 7:5 rectangle is 280x200, 0.875 of it 245x175, centred.
    [InlineData(300, 200, 224, 160, 27, 12, 245, 175)]
    // A square output keeps 0.875 of the shorter side, as before.
    [InlineData(451, 300, 224, 224, 94, 18, 263, 263)]
    public void Centre_crop_has_the_output_aspect(int w, int h, int ow, int oh, int x, int y, int cw, int ch) =>
        Assert.Equal((x, y, cw, ch), ImageResize.SourceRect(w, h, ImageResize.CenterCrop, ow, oh));

    [Fact]
    public void Resizing_to_the_same_rectangle_is_the_identity_and_arrange_keeps_nhwc_order()
    {
        const int w = 5, h = 3;
        var rgba = new byte[w * h * 4];
        for (var i = 0; i < w * h; i++) { rgba[i * 4] = (byte)i; rgba[i * 4 + 1] = (byte)(100 + i); rgba[i * 4 + 2] = (byte)(200 + i / 2); }
        var planar = new byte[3 * w * h];
        ImageDecoder.ResizeBilinear(rgba, w, (0, 0, w, h), w, h, planar);
        for (var i = 0; i < w * h; i++)
            Assert.Equal((rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]), (planar[i], planar[w * h + i], planar[2 * w * h + i]));

        var p = new OnnxPreprocessing { Width = w, Height = h, Size = h, Layout = "NHWC", ChannelOrder = "RGB" };
        var values = planar.Select(b => (float)b).ToArray();
        var arranged = new float[values.Length];
        p.Arrange(values, arranged, 1);
        Assert.Equal(values[w * h + 7], arranged[7 * 3 + 1]); // pixel 7, green
    }
}

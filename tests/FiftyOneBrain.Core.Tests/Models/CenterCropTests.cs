using FiftyOneBrain.Models;
using FiftyOneBrain.Models.Onnx;

namespace FiftyOneBrain.Tests.Models;

/// <summary>The "center-crop" resize mode: torchvision's Resize(S / 0.875) + CenterCrop(S) as one resample.</summary>
public sealed class CenterCropTests
{
    [Theory]
    // side = round(0.875 x shorter side), centred (integer offsets round down)
    [InlineData(200, 100, 56, 6, 88)]     // 87.5 rounds to 88: x (200 - 88) / 2 = 56, y (100 - 88) / 2 = 6
    [InlineData(100, 300, 6, 106, 88)]
    [InlineData(64, 64, 4, 4, 56)]
    [InlineData(3, 1, 1, 0, 1)]           // 0.875 rounds to 1
    public void The_crop_is_the_central_square_of_seven_eighths_of_the_shorter_side(int width, int height, int x, int y, int side)
    {
        Assert.Equal((x, y, side, side), ImageResize.SourceRect(width, height, ImageResize.CenterCrop));
        Assert.Equal((0, 0, width, height), ImageResize.SourceRect(width, height, ImageResize.Bilinear));
    }

    [Fact]
    public void Decoding_with_a_centre_crop_equals_decoding_the_cropped_image()
    {
        var dir = TestImages.NewDirectory();
        const int width = 200, height = 100;
        var grey = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++) grey[y * width + x] = (byte)((x * 7 + y * 13) % 256);
        var wide = Path.Combine(dir, "wide.png");
        TestImages.WriteGreyPng(wide, grey, width, height);
        var cropped = new byte[88 * 88];
        for (var y = 0; y < 88; y++) grey.AsSpan((y + 6) * width + 56, 88).CopyTo(cropped.AsSpan(y * 88));
        var square = Path.Combine(dir, "square.png");
        TestImages.WriteGreyPng(square, cropped, 88, 88);

        var viaCrop = new byte[3 * 24 * 24];
        var viaFile = new byte[3 * 24 * 24];
        ImageDecoder.DecodePlanarRgb(wide, 24, viaCrop, resize: ImageResize.CenterCrop);
        ImageDecoder.DecodePlanarRgb(square, 24, viaFile);
        var stretched = new byte[3 * 24 * 24];
        ImageDecoder.DecodePlanarRgb(wide, 24, stretched);

        Assert.Equal(viaFile, viaCrop);
        Assert.NotEqual(stretched, viaCrop);
    }

    [Fact]
    public void Onnx_preprocessing_accepts_the_mode_and_passes_it_to_the_decoder()
    {
        var p = OnnxPreprocessing.FromValues([new("Resize", "Center-Crop")]).Over(OnnxPreprocessing.InferFrom([1, 3, 224, 224]));
        p.Validate("m.onnx");
        Assert.Equal(ImageResize.CenterCrop, p.ToDecoding().Resize);
        var error = Assert.Throws<InvalidDataException>(() => (p with { Resize = "nearest" }).Validate("m.onnx"));
        Assert.Contains("resize 'nearest' is not supported", error.Message);
    }
}

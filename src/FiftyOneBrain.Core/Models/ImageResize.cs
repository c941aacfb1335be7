namespace FiftyOneBrain.Models;

/// <summary>
/// The resize modes a preprocessing description can name: "bilinear" resizes the whole image to Size x Size (the
/// aspect ratio is not kept; how the shipped models are fed), "center-crop" keeps the aspect ratio as torchvision's
/// Resize(Size / 0.875) + CenterCrop(Size) does, by resampling the central square of side 0.875 x the shorter side.
/// </summary>
public static class ImageResize
{
    public const string Bilinear = "bilinear";
    public const string CenterCrop = "center-crop";

    /// <summary>The share of the shorter side a centre crop keeps: 224 / 256, ImageNet's evaluation transform.</summary>
    public const double CropFraction = 0.875;

    public static bool IsKnown(string? mode) =>
        string.Equals(mode, Bilinear, StringComparison.OrdinalIgnoreCase) || string.Equals(mode, CenterCrop, StringComparison.OrdinalIgnoreCase);

    /// <summary>The source rectangle (x, y, width, height) of a width x height image that is resampled.</summary>
    public static (int X, int Y, int Width, int Height) SourceRect(int width, int height, string? mode) =>
        SourceRect(width, height, mode, 1, 1);

    /// <summary>
    /// The same for an output of outputWidth x outputHeight: the centre crop has the output's aspect ratio and is
    /// 0.875 of the largest such rectangle that fits (for a square output, 0.875 x the shorter side as before).
    /// </summary>
    public static (int X, int Y, int Width, int Height) SourceRect(int width, int height, string? mode, int outputWidth, int outputHeight)
    {
        if (!string.Equals(mode, CenterCrop, StringComparison.OrdinalIgnoreCase)) return (0, 0, width, height);
        var scale = Math.Min((double)width / outputWidth, (double)height / outputHeight) * CropFraction;
        var w = Math.Clamp((int)Math.Round(outputWidth * scale, MidpointRounding.AwayFromZero), 1, width);
        var h = Math.Clamp((int)Math.Round(outputHeight * scale, MidpointRounding.AwayFromZero), 1, height);
        return ((width - w) / 2, (height - h) / 2, w, h);
    }
}

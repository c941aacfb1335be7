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
    public static (int X, int Y, int Width, int Height) SourceRect(int width, int height, string? mode)
    {
        if (!string.Equals(mode, CenterCrop, StringComparison.OrdinalIgnoreCase)) return (0, 0, width, height);
        var side = Math.Max(1, (int)Math.Round(Math.Min(width, height) * CropFraction, MidpointRounding.AwayFromZero));
        return ((width - side) / 2, (height - side) / 2, side, side);
    }
}

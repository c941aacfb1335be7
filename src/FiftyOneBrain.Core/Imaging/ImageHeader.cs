using SkiaSharp;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Imaging;

/// <summary>Reads width/height/channels from an image's header (SKCodec parses headers without decoding pixels).</summary>
public static class ImageHeader
{
    public static ImageMetadata? TryRead(string path)
    {
        try { return Read(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException) { return null; }
    }

    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can read.</exception>
    public static ImageMetadata Read(string path)
    {
        var size = new FileInfo(path).Length;
        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream, out var result)
            ?? throw new InvalidDataException($"Not a readable image ({result}): {path}");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) throw new InvalidDataException($"Image has no size: {path}");
        var channels = info.ColorType switch
        {
            SKColorType.Gray8 => 1,
            _ when info.AlphaType == SKAlphaType.Opaque => 3,
            _ => 4,
        };
        return new ImageMetadata(info.Width, info.Height, size, MimeOf(codec.EncodedFormat), channels);
    }

    public static string? MimeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Gif => "image/gif",
        SKEncodedImageFormat.Bmp => "image/bmp",
        SKEncodedImageFormat.Webp => "image/webp",
        _ => null,
    };
}

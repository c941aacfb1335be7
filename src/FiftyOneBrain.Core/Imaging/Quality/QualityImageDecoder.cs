using System.Runtime.InteropServices;
using SkiaSharp;

namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Decodes a file once, at full size, into the channels Pillow would open it with: a grey file stays one
/// channel, a file with alpha keeps it, anything else is RGB. No colour-profile conversion and no EXIF rotation,
/// as Pillow's Image.open. Palette files come out as their colours (Pillow would keep palette indices).
/// </summary>
public static class QualityImageDecoder
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ImageTooLargeException">The header claims more than <paramref name="maxPixels"/> pixels.</exception>
    /// <exception cref="InvalidDataException">Not an image SkiaSharp can decode completely.</exception>
    public static QualityImage Decode(string path, long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image not found: {path}", path);
        try
        {
            using var codec = SKCodec.Create(path, out var created)
                ?? throw new InvalidDataException($"Not a readable image ({created}): {path}");
            var (width, height) = (codec.Info.Width, codec.Info.Height);
            if (width <= 0 || height <= 0) throw new InvalidDataException($"Image has no pixels: {path}");
            ImageLimits.Check(path, width, height, maxPixels);
            var grey = codec.Info.ColorType == SKColorType.Gray8;
            var alpha = !grey && codec.Info.AlphaType != SKAlphaType.Opaque;
            var info = new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, grey ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
            var decoded = new byte[(long)width * height * (grey ? 1 : 4)];
            var handle = GCHandle.Alloc(decoded, GCHandleType.Pinned);
            try
            {
                var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
                if (result != SKCodecResult.Success) throw new InvalidDataException($"Image could not be decoded ({result}): {path}");
            }
            finally { handle.Free(); }
            if (grey) return new QualityImage(width, height, 1, decoded);
            if (alpha) return new QualityImage(width, height, 4, decoded);
            return new QualityImage(width, height, 3, DropAlpha(decoded, (long)width * height));
        }
        catch (OutOfMemoryException e)
        {
            throw new InvalidDataException($"Not enough memory to decode the image: {path}", e);
        }
        catch (Exception e) when (e is not (IOException or InvalidDataException or UnauthorizedAccessException))
        {
            throw new InvalidDataException($"Image could not be decoded ({e.GetType().Name}: {e.Message}): {path}", e);
        }
    }

    private static byte[] DropAlpha(byte[] rgba, long pixels)
    {
        var rgb = new byte[pixels * 3];
        for (long i = 0, o = 0; i < rgba.LongLength; i += 4, o += 3)
        {
            rgb[o] = rgba[i];
            rgb[o + 1] = rgba[i + 1];
            rgb[o + 2] = rgba[i + 2];
        }
        return rgb;
    }
}

using SkiaSharp;
using FiftyOneBrain.Imaging;

namespace FiftyOneBrain.Gallery;

/// <summary>Makes data-URI thumbnails with SkiaSharp, many at once.</summary>
public static class ThumbnailMaker
{
    /// <summary>Small files already within the size limit are embedded as they are: smaller than a re-encode and lossless.</summary>
    private const long VerbatimMaxBytes = 16 * 1024;
    private const int JpegQuality = 82;

    /// <summary>Thumbnails for every path, in the same order; one unreadable image gives a failed entry, never an exception.</summary>
    public static Thumbnail[] MakeAll(IReadOnlyList<string> paths, int maxSide, Action? onEach = null,
        CancellationToken cancel = default, int maxParallelism = -1, long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        var result = new Thumbnail[paths.Count];
        var options = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = maxParallelism };
        Parallel.For(0, paths.Count, options, i =>
        {
            result[i] = TryMake(paths[i], maxSide, maxPixels);
            onEach?.Invoke();
        });
        return result;
    }

    public static Thumbnail TryMake(string path, int maxSide, long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        try { return Make(path, maxSide, maxPixels); }
        // Whatever goes wrong with one image is that sample's problem, never the whole gallery's.
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            return Thumbnail.Failed(e);
        }
    }

    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode.</exception>
    /// <exception cref="ImageTooLargeException">The header claims more than <paramref name="maxPixels"/> pixels (0: no limit).</exception>
    public static Thumbnail Make(string path, int maxSide, long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        var bytes = File.ReadAllBytes(path);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"Not an image SkiaSharp can read: {path}");
        var source = codec.Info;
        if (source.Width <= 0 || source.Height <= 0) throw new InvalidDataException($"Image has no size: {path}");
        ImageLimits.Check(path, source.Width, source.Height, maxPixels);

        var scale = Math.Min(1.0, maxSide / (double)Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));

        // Decoding validates the file even when its bytes are embedded as they are.
        using var decoded = Decode(codec, scale, path);
        var mime = ImageHeader.MimeOf(codec.EncodedFormat);
        if (scale >= 1.0 && mime is not null && bytes.LongLength <= VerbatimMaxBytes)
            return new Thumbnail(DataUri(mime, bytes), width, height, source.Width, source.Height, null);

        var resized = decoded.Width == width && decoded.Height == height ? null
            : decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
              ?? throw new InvalidDataException($"Could not resize image: {path}");
        using var _ = resized;
        using var image = SKImage.FromBitmap(resized ?? decoded);
        // JPEG cannot hold transparency; keep PNG for images that have it.
        var png = source.AlphaType != SKAlphaType.Opaque && codec.EncodedFormat != SKEncodedImageFormat.Jpeg;
        using var encoded = image.Encode(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, JpegQuality);
        return new Thumbnail(DataUri(png ? "image/png" : "image/jpeg", encoded.ToArray()), width, height, source.Width, source.Height, null);
    }

    /// <summary>Decodes at reduced size when the codec can (JPEG scales by 1/2, 1/4, 1/8 while decoding), which is much cheaper for photos.</summary>
    private static SKBitmap Decode(SKCodec codec, double scale, string path)
    {
        var scaled = scale < 1.0 ? codec.GetScaledDimensions((float)scale) : codec.Info.Size;
        if (scaled != codec.Info.Size && scaled.Width > 0 && scaled.Height > 0
            && TryDecode(codec, scaled, out var bitmap, out _)) return bitmap;
        if (TryDecode(codec, codec.Info.Size, out bitmap, out var result)) return bitmap;
        throw new InvalidDataException($"Could not decode image ({result}): {path}");
    }

    private static bool TryDecode(SKCodec codec, SKSizeI size, out SKBitmap bitmap, out SKCodecResult result)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        bitmap = new SKBitmap(info);
        result = codec.GetPixels(info, bitmap.GetPixels());
        // A truncated file still yields the rows it has, as image viewers show it.
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput) return true;
        bitmap.Dispose();
        return false;
    }

    private static string DataUri(string mime, byte[] bytes) => $"data:{mime};base64,{Convert.ToBase64String(bytes)}";
}

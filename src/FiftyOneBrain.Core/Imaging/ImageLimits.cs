namespace FiftyOneBrain.Imaging;

/// <summary>
/// An image whose header claims more pixels than the decode limit allows; nothing was decoded. An IOException
/// (InvalidDataException is sealed) so every caller that reports unreadable files per sample reports this one too.
/// </summary>
public sealed class ImageTooLargeException(string path, int width, int height, long limit)
    : IOException($"Image is {width}x{height} ({(long)width * height:N0} pixels), over the limit of {limit:N0} pixels " +
                           $"(a decompression-bomb guard; raise it with $FoMaxImagePixels): {path}")
{
    public string Path { get; } = path;
    public int Width { get; } = width;
    public int Height { get; } = height;
    public long Limit { get; } = limit;
}

/// <summary>
/// The decompression-bomb guard every decode path applies before it allocates pixels, as Pillow's
/// Image.MAX_IMAGE_PIXELS does: the width and height read from the header must multiply to at most the limit.
/// </summary>
public static class ImageLimits
{
    /// <summary>Pillow's default: about a quarter of a gigabyte of 24-bit pixels (1024 x 1024 x 1024 / 4 / 3).</summary>
    public const long DefaultMaxPixels = 89_478_485;

    /// <summary>
    /// The most pixels any decode here can hold whatever the limit says: one RGBA buffer is a .NET array,
    /// so width x height x 4 must stay below 2^31 bytes.
    /// </summary>
    public const long MaxDecodablePixels = (int.MaxValue - 64) / 4;

    /// <summary>A limit of 0 or less means no limit (up to <see cref="MaxDecodablePixels"/>).</summary>
    public static long Effective(long maxPixels) => maxPixels <= 0 ? MaxDecodablePixels : Math.Min(maxPixels, MaxDecodablePixels);

    /// <exception cref="ImageTooLargeException">width x height is over the limit.</exception>
    public static void Check(string path, int width, int height, long maxPixels)
    {
        var limit = Effective(maxPixels);
        if ((long)width * height > limit) throw new ImageTooLargeException(path, width, height, limit);
    }
}

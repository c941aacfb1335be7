using System.Runtime.InteropServices;
using FiftyOneBrain.Imaging;
using SkiaSharp;

namespace FiftyOneBrain.Models;

/// <summary>
/// Reads an image file into planar RGB bytes of a fixed square size: SkiaSharp decodes (any format it
/// knows, any size up to the pixel limit), grey becomes three equal channels, alpha is dropped (colours kept
/// unpremultiplied), then a bilinear resize with half-pixel centres (PyTorch's align_corners=False) gives
/// Size x Size. Images of more than <see cref="LargeImagePixels"/> are decoded downscaled where the codec can
/// (JPEG and WebP scale while decoding), so a large photo costs a fraction of its full-size buffer.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Above this many pixels (16 MP, a 64 MiB RGBA buffer) a codec that can scale decodes smaller.</summary>
    public const long LargeImagePixels = 4096L * 4096;

    /// <summary>What a scaled decode aims at (4 MP), still far more than a network input or a thumbnail needs.</summary>
    private const long ScaledDecodePixels = 2048L * 2048;

    /// <summary>A scaled decode keeps at least this many source pixels per output pixel along the shorter side.</summary>
    private const int MinSourcePerOutput = 8;

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ImageTooLargeException">The header claims more than <paramref name="maxPixels"/> pixels (0: no limit).</exception>
    /// <exception cref="InvalidDataException">The file is not a complete image SkiaSharp can decode, or its pixels do not fit in memory.</exception>
    /// <param name="resize">An <see cref="ImageResize"/> mode: the whole image, or its centre crop.</param>
    public static void DecodePlanarRgb(string path, int size, Span<byte> destination, long maxPixels = ImageLimits.DefaultMaxPixels,
        string resize = ImageResize.Bilinear) =>
        DecodePlanarRgb(path, size, size, destination, maxPixels, resize);

    /// <summary>The same at width x height, for models whose input is not square.</summary>
    public static void DecodePlanarRgb(string path, int outputWidth, int outputHeight, Span<byte> destination, long maxPixels = ImageLimits.DefaultMaxPixels,
        string resize = ImageResize.Bilinear)
    {
        try { Decode(path, outputWidth, outputHeight, destination, maxPixels, resize); }
        // Whatever else the codec throws is still this file's problem: keep the documented contract and name the file.
        catch (Exception e) when (e is not (IOException or InvalidDataException or UnauthorizedAccessException or OperationCanceledException))
        {
            throw new InvalidDataException($"Image could not be decoded ({e.GetType().Name}: {e.Message}): {path}", e);
        }
    }

    /// <summary>True for what <see cref="DecodePlanarRgb"/> throws about one file (its callers report it per sample).</summary>
    public static bool IsImageProblem(Exception e) => e is IOException or InvalidDataException or UnauthorizedAccessException;

    private static void Decode(string path, int outputWidth, int outputHeight, Span<byte> destination, long maxPixels, string resize)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image not found: {path}", path);
        using var codec = SKCodec.Create(path, out var created)
            ?? throw new InvalidDataException($"Not a readable image ({created}): {path}");
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0) throw new InvalidDataException($"Image has no pixels: {path}");
        ImageLimits.Check(path, width, height, maxPixels);
        var decoded = DecodeSize(codec, Math.Max(outputWidth, outputHeight));
        var rgba = Allocate(decoded, path);
        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
                throw new InvalidDataException($"Image could not be decoded ({result}): {path}");
        }
        finally { handle.Free(); }
        ResizeBilinear(rgba, decoded.Width, ImageResize.SourceRect(decoded.Width, decoded.Height, resize, outputWidth, outputHeight), outputWidth, outputHeight, destination);
    }

    /// <summary>Full size, or for a large image the codec's nearest scale that keeps enough pixels for <paramref name="size"/>.</summary>
    internal static SKSizeI DecodeSize(SKCodec codec, int size)
    {
        var full = codec.Info.Size;
        var pixels = (long)full.Width * full.Height;
        if (pixels <= LargeImagePixels) return full;
        var scale = Math.Max(Math.Sqrt((double)ScaledDecodePixels / pixels), (double)MinSourcePerOutput * size / Math.Min(full.Width, full.Height));
        if (scale >= 1) return full;
        var scaled = codec.GetScaledDimensions((float)scale);
        return scaled.Width > 0 && scaled.Height > 0 && (long)scaled.Width * scaled.Height < pixels ? scaled : full;
    }

    /// <summary>The RGBA buffer; an image too big for memory is that image's problem, not the run's.</summary>
    private static byte[] Allocate(SKSizeI size, string path)
    {
        var bytes = (long)size.Width * size.Height * 4;
        if (bytes > Array.MaxLength) throw new InvalidDataException($"Image is {size.Width}x{size.Height}, too large to decode in memory: {path}");
        try { return new byte[bytes]; }
        catch (OutOfMemoryException e)
        {
            throw new InvalidDataException($"Not enough memory to decode a {size.Width}x{size.Height} image: {path}", e);
        }
    }

    /// <summary>
    /// Interleaved RGBA (alpha ignored) to planar RGB at size x size. Output pixel x samples the source at
    /// (x + 0.5) * srcWidth / size - 0.5, clamped to the edge, and mixes its two neighbours linearly (same for y).
    /// </summary>
    public static void ResizeBilinear(ReadOnlySpan<byte> rgba, int width, int height, int size, Span<byte> destination) =>
        ResizeBilinear(rgba, width, (0, 0, width, height), size, destination);

    /// <summary>The same over a rectangle of the source (its samples clamp to the rectangle's edges).</summary>
    public static void ResizeBilinear(ReadOnlySpan<byte> rgba, int width, (int X, int Y, int Width, int Height) source, int size, Span<byte> destination) =>
        ResizeBilinear(rgba, width, source, size, size, destination);

    /// <summary>The same to outputWidth x outputHeight (each axis resampled on its own).</summary>
    public static void ResizeBilinear(ReadOnlySpan<byte> rgba, int width, (int X, int Y, int Width, int Height) source, int outputWidth, int outputHeight, Span<byte> destination)
    {
        var plane = outputWidth * outputHeight;
        if (destination.Length < 3 * plane) throw new ArgumentException("Destination too small.", nameof(destination));
        Span<int> x0 = stackalloc int[outputWidth], x1 = stackalloc int[outputWidth];
        Span<float> fx = stackalloc float[outputWidth];
        Axis(source.Width, outputWidth, x0, x1, fx, source.X);
        Span<int> y0 = stackalloc int[outputHeight], y1 = stackalloc int[outputHeight];
        Span<float> fy = stackalloc float[outputHeight];
        Axis(source.Height, outputHeight, y0, y1, fy, source.Y);
        for (var y = 0; y < outputHeight; y++)
        {
            var rowA = y0[y] * width * 4;
            var rowB = y1[y] * width * 4;
            for (var x = 0; x < outputWidth; x++)
            {
                int a = rowA + x0[x] * 4, b = rowA + x1[x] * 4, c = rowB + x0[x] * 4, d = rowB + x1[x] * 4;
                for (var ch = 0; ch < 3; ch++)
                {
                    var top = rgba[a + ch] + (rgba[b + ch] - rgba[a + ch]) * fx[x];
                    var bottom = rgba[c + ch] + (rgba[d + ch] - rgba[c + ch]) * fx[x];
                    var v = top + (bottom - top) * fy[y];
                    destination[ch * plane + y * outputWidth + x] = (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
                }
            }
        }
    }

    private static void Axis(int source, int size, Span<int> lo, Span<int> hi, Span<float> frac, int offset)
    {
        var scale = (float)source / size;
        for (var i = 0; i < size; i++)
        {
            var s = Math.Max(0f, (i + 0.5f) * scale - 0.5f);
            var l = Math.Min((int)s, source - 1);
            lo[i] = offset + l;
            hi[i] = offset + Math.Min(l + 1, source - 1);
            frac[i] = s - l;
        }
    }
}

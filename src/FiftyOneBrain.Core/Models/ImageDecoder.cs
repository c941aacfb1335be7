using System.Runtime.InteropServices;
using SkiaSharp;

namespace FiftyOneBrain.Models;

/// <summary>
/// Reads an image file into planar RGB bytes of a fixed square size: SkiaSharp decodes (any format it
/// knows, any size), grey becomes three equal channels, alpha is dropped (colours kept unpremultiplied),
/// then a bilinear resize with half-pixel centres (PyTorch's align_corners=False) gives Size x Size.
/// </summary>
public static class ImageDecoder
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a complete image SkiaSharp can decode.</exception>
    public static void DecodePlanarRgb(string path, int size, Span<byte> destination)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image not found: {path}", path);
        using var codec = SKCodec.Create(path, out var created)
            ?? throw new InvalidDataException($"Not a readable image ({created}): {path}");
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0) throw new InvalidDataException($"Image has no pixels: {path}");
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[checked(width * height * 4)];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
                throw new InvalidDataException($"Image could not be decoded ({result}): {path}");
        }
        finally { handle.Free(); }
        ResizeBilinear(rgba, width, height, size, destination);
    }

    /// <summary>
    /// Interleaved RGBA (alpha ignored) to planar RGB at size x size. Output pixel x samples the source at
    /// (x + 0.5) * srcWidth / size - 0.5, clamped to the edge, and mixes its two neighbours linearly (same for y).
    /// </summary>
    public static void ResizeBilinear(ReadOnlySpan<byte> rgba, int width, int height, int size, Span<byte> destination)
    {
        var plane = size * size;
        if (destination.Length < 3 * plane) throw new ArgumentException("Destination too small.", nameof(destination));
        Span<int> x0 = stackalloc int[size], x1 = stackalloc int[size];
        Span<float> fx = stackalloc float[size];
        Axis(width, size, x0, x1, fx);
        Span<int> y0 = stackalloc int[size], y1 = stackalloc int[size];
        Span<float> fy = stackalloc float[size];
        Axis(height, size, y0, y1, fy);
        for (var y = 0; y < size; y++)
        {
            var rowA = y0[y] * width * 4;
            var rowB = y1[y] * width * 4;
            for (var x = 0; x < size; x++)
            {
                int a = rowA + x0[x] * 4, b = rowA + x1[x] * 4, c = rowB + x0[x] * 4, d = rowB + x1[x] * 4;
                for (var ch = 0; ch < 3; ch++)
                {
                    var top = rgba[a + ch] + (rgba[b + ch] - rgba[a + ch]) * fx[x];
                    var bottom = rgba[c + ch] + (rgba[d + ch] - rgba[c + ch]) * fx[x];
                    var v = top + (bottom - top) * fy[y];
                    destination[ch * plane + y * size + x] = (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
                }
            }
        }
    }

    private static void Axis(int source, int size, Span<int> lo, Span<int> hi, Span<float> frac)
    {
        var scale = (float)source / size;
        for (var i = 0; i < size; i++)
        {
            var s = Math.Max(0f, (i + 0.5f) * scale - 0.5f);
            var l = Math.Min((int)s, source - 1);
            lo[i] = l;
            hi[i] = Math.Min(l + 1, source - 1);
            frac[i] = s - l;
        }
    }
}

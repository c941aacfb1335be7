namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// One decoded image as the quality checks see it, interleaved 8-bit channels in Pillow's band order: 1 (mode
/// "L", a grey file), 3 (RGB) or 4 (RGBA, a file with an alpha channel). The channel count matters: Pillow's
/// histogram, and so the entropy, has 256 bins per band.
/// </summary>
public sealed class QualityImage
{
    public QualityImage(int width, int height, int channels, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "An image has at least one pixel.");
        if (channels is not (1 or 3 or 4)) throw new ArgumentOutOfRangeException(nameof(channels), "1, 3 or 4 channels.");
        if (pixels.LongLength < (long)width * height * channels) throw new ArgumentException("Too few pixels.", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public byte[] Pixels { get; }

    /// <summary>Single-channel, what Pillow opens as mode "L".</summary>
    public bool IsSingleChannel => Channels == 1;

    /// <summary>True when every pixel has equal red, green and blue (a grey picture stored as colour).</summary>
    public bool HasEqualChannels()
    {
        if (Channels == 1) return true;
        var n = (long)Width * Height;
        for (long i = 0; i < n; i++)
        {
            var o = i * Channels;
            if (Pixels[o] != Pixels[o + 1] || Pixels[o] != Pixels[o + 2]) return false;
        }
        return true;
    }
}

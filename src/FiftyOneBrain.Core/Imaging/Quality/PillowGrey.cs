namespace FiftyOneBrain.Imaging.Quality;

/// <summary>Pillow's convert("L"): L = (19595 R + 38470 G + 7471 B + 0x8000) >> 16 (ITU-R 601-2 luma, fixed point); alpha ignored.</summary>
public static class PillowGrey
{
    public static byte[] Convert(byte[] pixels, int width, int height, int bands)
    {
        var n = (long)width * height;
        if (bands == 1) return pixels.AsSpan(0, (int)n).ToArray();
        var grey = new byte[n];
        for (long i = 0, o = 0; i < n; i++, o += bands)
            grey[i] = (byte)((pixels[o] * 19595 + pixels[o + 1] * 38470 + pixels[o + 2] * 7471 + 0x8000) >> 16);
        return grey;
    }
}

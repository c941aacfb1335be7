using FiftyOneBrain.Models;

namespace FiftyOneBrain.Imaging;

/// <summary>
/// The 64-bit DCT perceptual hash (pHash, as the imagehash package computes it): the image resized to 32 x 32 grey
/// levels, its 2-D DCT-II, the 8 x 8 lowest frequencies, one bit per coefficient set when it is above their median.
/// Re-encoding, resizing and small colour changes move few bits; crops, flips and rotations move many.
/// </summary>
public static class PerceptualHash
{
    private const int Size = 32;
    private const int Low = 8;
    private static readonly double[,] Cosines = BuildCosines();

    /// <summary>The hash of an image file (bit 63 - (8u + v) is coefficient (u, v)).</summary>
    public static ulong OfFile(string path, long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        var rgb = new byte[3 * Size * Size];
        ImageDecoder.DecodePlanarRgb(path, Size, rgb, maxPixels);
        var grey = new double[Size * Size];
        for (var p = 0; p < grey.Length; p++)
            grey[p] = 0.299 * rgb[p] + 0.587 * rgb[Size * Size + p] + 0.114 * rgb[2 * Size * Size + p];
        return OfGrey(grey);
    }

    /// <summary>The hash of a 32 x 32 grey image, row-major.</summary>
    public static ulong OfGrey(ReadOnlySpan<double> grey)
    {
        if (grey.Length != Size * Size) throw new ArgumentException($"Expected {Size * Size} grey values.", nameof(grey));
        var low = new double[Low * Low];
        for (var u = 0; u < Low; u++)
        for (var v = 0; v < Low; v++)
        {
            var sum = 0.0;
            for (var y = 0; y < Size; y++)
            {
                var rowSum = 0.0;
                for (var x = 0; x < Size; x++) rowSum += grey[y * Size + x] * Cosines[v, x];
                sum += rowSum * Cosines[u, y];
            }
            low[u * Low + v] = sum;
        }
        var sorted = (double[])low.Clone();
        Array.Sort(sorted);
        var median = 0.5 * (sorted[Low * Low / 2 - 1] + sorted[Low * Low / 2]);
        var hash = 0UL;
        for (var b = 0; b < Low * Low; b++)
            if (low[b] > median) hash |= 1UL << (63 - b);
        return hash;
    }

    /// <summary>Bits that differ, 0 .. 64.</summary>
    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    private static double[,] BuildCosines()
    {
        var c = new double[Low, Size];
        for (var u = 0; u < Low; u++)
        for (var x = 0; x < Size; x++)
            c[u, x] = Math.Cos(Math.PI * (2 * x + 1) * u / (2.0 * Size));
        return c;
    }
}

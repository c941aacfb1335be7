namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Pillow 9.4's Image.resize with its default filter (BICUBIC, a = −0.5) on 8-bit bands: a separable convolution
/// whose support widens with the downscale factor (antialiasing), coefficients normalised and turned into
/// 22-bit fixed point, a horizontal pass rounded to bytes and then a vertical pass (libImaging/Resample.c).
/// Bands are interleaved; all of them are resampled alike (an RGBA image is not premultiplied here, which only
/// matters where it is transparent).
/// </summary>
public static class PillowBicubicResize
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 2.0;

    public static byte[] Resize(byte[] pixels, int width, int height, int bands, int outWidth, int outHeight)
    {
        var horizontal = outWidth != width;
        var vertical = outHeight != height;
        var current = pixels;
        if (horizontal)
        {
            var (bounds, kk, ksize) = Coefficients(width, outWidth);
            var output = new byte[(long)outWidth * height * bands];
            for (var y = 0; y < height; y++)
            {
                long inRow = (long)y * width * bands, outRow = (long)y * outWidth * bands;
                for (var xx = 0; xx < outWidth; xx++)
                {
                    int xmin = bounds[2 * xx], xmax = bounds[2 * xx + 1], k = xx * ksize;
                    for (var b = 0; b < bands; b++)
                    {
                        var ss = 1 << (PrecisionBits - 1);
                        for (var x = 0; x < xmax; x++) ss += current[inRow + (long)(x + xmin) * bands + b] * kk[k + x];
                        output[outRow + (long)xx * bands + b] = Clip8(ss);
                    }
                }
            }
            current = output;
        }
        var rowWidth = horizontal ? outWidth : width;
        if (vertical)
        {
            var (bounds, kk, ksize) = Coefficients(height, outHeight);
            var output = new byte[(long)rowWidth * outHeight * bands];
            var stride = (long)rowWidth * bands;
            for (var yy = 0; yy < outHeight; yy++)
            {
                int ymin = bounds[2 * yy], ymax = bounds[2 * yy + 1], k = yy * ksize;
                for (long i = 0; i < stride; i++)
                {
                    var ss = 1 << (PrecisionBits - 1);
                    for (var y = 0; y < ymax; y++) ss += current[(y + ymin) * stride + i] * kk[k + y];
                    output[yy * stride + i] = Clip8(ss);
                }
            }
            current = output;
        }
        return ReferenceEquals(current, pixels) ? (byte[])pixels.Clone() : current;
    }

    /// <summary>Pillow's _clip8_lookups: the fixed-point sum shifted down and clamped to a byte.</summary>
    private static byte Clip8(int ss) => (byte)Math.Clamp(ss >> PrecisionBits, 0, 255);

    internal static double Bicubic(double x)
    {
        const double a = -0.5;
        if (x < 0) x = -x;
        if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
        return 0;
    }

    /// <summary>precompute_coeffs and normalize_coeffs_8bpc for the box (0, inSize).</summary>
    internal static (int[] Bounds, int[] Kernel, int KSize) Coefficients(int inSize, int outSize)
    {
        var scale = (double)(float)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var ksize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var kernel = new int[outSize * ksize];
        var weights = new double[ksize];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterScale;
            var xmin = Math.Max(0, (int)(center - support + 0.5));
            var xmax = Math.Min(inSize, (int)(center + support + 0.5)) - xmin;
            double ww = 0;
            for (var x = 0; x < xmax; x++)
            {
                weights[x] = Bicubic((x + xmin - center + 0.5) * ss);
                ww += weights[x];
            }
            for (var x = 0; x < xmax; x++)
            {
                var w = ww != 0 ? weights[x] / ww : weights[x];
                kernel[xx * ksize + x] = w < 0 ? (int)(-0.5 + w * (1 << PrecisionBits)) : (int)(0.5 + w * (1 << PrecisionBits));
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return (bounds, kernel, ksize);
    }
}

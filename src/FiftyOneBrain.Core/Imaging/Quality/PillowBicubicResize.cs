namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Pillow 9.4's Image.resize with its default filter (BICUBIC, a = −0.5) on 8-bit bands: a separable convolution
/// whose support widens with the downscale factor (antialiasing), coefficients normalised and turned into
/// 22-bit fixed point, a horizontal pass rounded to bytes and then a vertical pass (libImaging/Resample.c).
/// Bands are interleaved and resampled alike (premultiplying RGBA first is the caller's step, <see cref="PillowPremultiply"/>).
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
                HorizontalRow(current.AsSpan(y * width * bands, width * bands), output.AsSpan(y * outWidth * bands, outWidth * bands), bands, bounds, kk, ksize);
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

    /// <summary>One row of the horizontal pass; the bands are summed side by side so the row is read once.</summary>
    private static void HorizontalRow(ReadOnlySpan<byte> row, Span<byte> output, int bands, int[] bounds, int[] kk, int ksize)
    {
        const int half = 1 << (PrecisionBits - 1);
        for (var xx = 0; xx < output.Length / bands; xx++)
        {
            int xmin = bounds[2 * xx], xmax = bounds[2 * xx + 1];
            var k = kk.AsSpan(xx * ksize, xmax);
            var source = row.Slice(xmin * bands, xmax * bands);
            int s0 = half, s1 = half, s2 = half, s3 = half;
            switch (bands)
            {
                case 1:
                    for (var x = 0; x < k.Length; x++) s0 += source[x] * k[x];
                    break;
                case 3:
                    for (int x = 0, o = 0; x < k.Length; x++, o += 3)
                    {
                        s0 += source[o] * k[x];
                        s1 += source[o + 1] * k[x];
                        s2 += source[o + 2] * k[x];
                    }
                    break;
                default:
                    for (int x = 0, o = 0; x < k.Length; x++, o += 4)
                    {
                        s0 += source[o] * k[x];
                        s1 += source[o + 1] * k[x];
                        s2 += source[o + 2] * k[x];
                        s3 += source[o + 3] * k[x];
                    }
                    break;
            }
            var at = xx * bands;
            output[at] = Clip8(s0);
            if (bands == 1) continue;
            output[at + 1] = Clip8(s1);
            output[at + 2] = Clip8(s2);
            if (bands == 4) output[at + 3] = Clip8(s3);
        }
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

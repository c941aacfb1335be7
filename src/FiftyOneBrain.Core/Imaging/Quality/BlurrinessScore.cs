namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// cleanvision's blurry score. An image whose longer side exceeds 64 px is first resized (Pillow's default
/// bicubic) to (max(1, w // r), max(1, h // r)) with r = longer side / 64, then made grey. e = sqrt(variance
/// of the FIND_EDGES image's pixels), h = standard deviation of the grey image's 256 histogram counts;
/// score = min(1, (1 − exp(−0.01 e)) + (1 − exp(−0.01 h), or 0 when that is ≤ 0.18)).
/// </summary>
public static class BlurrinessScore
{
    public const int MaxResolution = 64;
    public const double NormalizingFactor = 0.01;
    public const double ColorThreshold = 0.18;

    public readonly record struct Parts(double EdgeStd, double HistogramStd, double Score);

    public static double Compute(QualityImage image) => Measure(image).Score;

    public static Parts Measure(QualityImage image)
    {
        var (w, h) = ResizedSize(image.Width, image.Height);
        var pixels = w == image.Width && h == image.Height ? image.Pixels : Resize(image, w, h);
        var grey = PillowGrey.Convert(pixels, w, h, image.Channels);
        var edgeStd = Math.Sqrt(PopulationVariance(PillowFindEdges.Apply(grey, w, h)));
        var histogramStd = HistogramCountStd(grey);
        return new Parts(edgeStd, histogramStd, Score(edgeStd, histogramStd));
    }

    /// <summary>Image.resize as Pillow does it: an RGBA image goes through premultiplied alpha.</summary>
    internal static byte[] Resize(QualityImage image, int w, int h)
    {
        if (image.Channels != 4) return PillowBicubicResize.Resize(image.Pixels, image.Width, image.Height, image.Channels, w, h);
        var resized = PillowBicubicResize.Resize(PillowPremultiply.Premultiply(image.Pixels), image.Width, image.Height, 4, w, h);
        return PillowPremultiply.Unpremultiply(resized);
    }

    public static double Score(double edgeStd, double histogramStd)
    {
        var blur = 1 - Math.Exp(-edgeStd * NormalizingFactor);
        var spread = 1 - Math.Exp(-histogramStd * NormalizingFactor);
        if (spread <= ColorThreshold) spread = 0;
        return Math.Min(blur + spread, 1);
    }

    /// <summary>
    /// cleanvision's (max(int(w // r), 1), max(int(h // r), 1)), r = max(w, h) / 64. r is exact in binary
    /// (a division by a power of two), so the floors are the integer floors of 64·side / longer side.
    /// </summary>
    public static (int Width, int Height) ResizedSize(int width, int height)
    {
        var longer = Math.Max(width, height);
        if (longer <= MaxResolution) return (width, height);
        return ((int)Math.Max(1, 64L * width / longer), (int)Math.Max(1, 64L * height / longer));
    }

    /// <summary>ImageStat.Stat(image).var[0]: (Σv² − (Σv)² / n) / n from the histogram.</summary>
    internal static double PopulationVariance(byte[] grey)
    {
        var histogram = new long[256];
        foreach (var v in grey) histogram[v]++;
        long n = grey.LongLength, sum = 0, sum2 = 0;
        for (var v = 0; v < 256; v++)
        {
            sum += v * histogram[v];
            sum2 += (long)v * v * histogram[v];
        }
        return (sum2 - (double)sum * sum / n) / n;
    }

    /// <summary>numpy.std(grey.histogram()): the population standard deviation of the 256 bin counts.</summary>
    internal static double HistogramCountStd(byte[] grey)
    {
        var histogram = new long[256];
        foreach (var v in grey) histogram[v]++;
        var mean = (double)grey.LongLength / 256;
        double squares = 0;
        foreach (var count in histogram) squares += (count - mean) * (count - mean);
        return Math.Sqrt(squares / 256);
    }
}

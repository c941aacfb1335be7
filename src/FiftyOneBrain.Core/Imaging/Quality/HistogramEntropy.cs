namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Pillow's Image.entropy(): the Shannon entropy in bits of the image's histogram, 256 bins per band laid end to
/// end (768 for RGB, 1024 for RGBA, all normalised by their one total), so an RGB image can reach log2(768).
/// cleanvision's low_information score is min(1, 0.1 × entropy).
/// </summary>
public static class HistogramEntropy
{
    /// <summary>cleanvision's normalising factor for low_information.</summary>
    public const double NormalizingFactor = 0.1;

    private const double Log2E = 1.44269504088896340736; // C's M_LOG2E, as Pillow multiplies by it

    public static double LowInformationScore(QualityImage image) => Math.Min(1, NormalizingFactor * Entropy(image));

    public static double Entropy(QualityImage image)
    {
        var bands = image.Channels;
        var histogram = new long[256 * bands];
        var n = (long)image.Width * image.Height * bands;
        var pixels = image.Pixels;
        for (var band = 0; band < bands; band++)
        {
            var offset = band * 256;
            for (long i = band; i < n; i += bands) histogram[offset + pixels[i]]++;
        }
        double total = n, entropy = 0;
        foreach (var count in histogram)
        {
            var p = count / total;
            if (p != 0) entropy += p * Math.Log(p) * Log2E;
        }
        return -entropy;
    }
}

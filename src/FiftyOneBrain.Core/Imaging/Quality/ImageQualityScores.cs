namespace FiftyOneBrain.Imaging.Quality;

/// <summary>The per-image scores of one decode (odd_size needs the whole dataset: only the image's size is kept for it).</summary>
public sealed record ImageQualityScores(double Dark, double Light, double OddAspectRatio, double LowInformation, double Blurry, double Grayscale, int Width, int Height)
{
    /// <summary>Scores every per-image check on one decoded image.</summary>
    public static ImageQualityScores Measure(QualityImage image, bool greyWhenChannelsEqual = false)
    {
        var (dark, light) = BrightnessPercentiles.Scores(image);
        return new ImageQualityScores(dark, light,
            AspectRatioScore.Compute(image.Width, image.Height),
            HistogramEntropy.LowInformationScore(image),
            BlurrinessScore.Compute(image),
            GrayscaleScore.Compute(image, greyWhenChannelsEqual),
            image.Width, image.Height);
    }

    /// <summary>The per-image scores by check name (odd_size is not among them).</summary>
    public IEnumerable<KeyValuePair<string, double>> ByCheck()
    {
        yield return new(ImageQualityCheck.Dark, Dark);
        yield return new(ImageQualityCheck.Light, Light);
        yield return new(ImageQualityCheck.OddAspectRatio, OddAspectRatio);
        yield return new(ImageQualityCheck.LowInformation, LowInformation);
        yield return new(ImageQualityCheck.Blurry, Blurry);
        yield return new(ImageQualityCheck.Grayscale, Grayscale);
    }
}

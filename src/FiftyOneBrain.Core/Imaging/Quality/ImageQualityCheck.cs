namespace FiftyOneBrain.Imaging.Quality;

/// <summary>cleanvision's seven image-property checks: names (also the tags and image_issues entries) and default thresholds.</summary>
public static class ImageQualityCheck
{
    public const string Dark = "dark";
    public const string Light = "light";
    public const string OddAspectRatio = "odd_aspect_ratio";
    public const string LowInformation = "low_information";
    public const string Blurry = "blurry";
    public const string Grayscale = "grayscale";
    public const string OddSize = "odd_size";

    public static IReadOnlyList<string> All { get; } = new[] { Dark, Light, OddAspectRatio, LowInformation, Blurry, Grayscale, OddSize };

    /// <summary>An issue when the score is below its threshold (grayscale: the score is 0 or 1, an issue at 0).</summary>
    public static IReadOnlyDictionary<string, double> DefaultThresholds { get; } = new Dictionary<string, double>
    {
        [Dark] = 0.32,
        [Light] = 0.05,
        [OddAspectRatio] = 0.35,
        [LowInformation] = 0.3,
        [Blurry] = 0.29,
        [Grayscale] = 0.5,
        [OddSize] = OddSizeScores.DefaultThreshold,
    };

    /// <summary>The field a check's score goes in: dark_score, light_score, ...</summary>
    public static string ScoreField(string check) => check + "_score";
}

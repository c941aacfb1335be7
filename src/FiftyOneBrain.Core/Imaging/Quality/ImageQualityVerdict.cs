namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Turns the per-image scores of a whole run into every check's score and the issues, once odd_size can be
/// scored against all sizes. An issue is a score below its threshold (cleanvision's mark_issue).
/// </summary>
public static class ImageQualityVerdict
{
    public sealed record Verdict(IReadOnlyDictionary<string, double> Scores, IReadOnlyList<string> Issues);

    /// <summary>The thresholds in force: cleanvision's defaults with <paramref name="overrides"/> on top.</summary>
    /// <exception cref="ArgumentException">An override names no check, or is not in [0, 1].</exception>
    public static Dictionary<string, double> Thresholds(IEnumerable<KeyValuePair<string, double>> overrides)
    {
        var thresholds = new Dictionary<string, double>(ImageQualityCheck.DefaultThresholds);
        foreach (var (name, value) in overrides)
        {
            var check = ImageQualityCheck.All.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"'{name}' is not a check; the checks are {string.Join(", ", ImageQualityCheck.All)}.");
            if (!(value is >= 0 and <= 1)) throw new ArgumentException($"The threshold for {check} must be between 0 and 1; it is {value}.");
            thresholds[check] = value;
        }
        return thresholds;
    }

    /// <param name="oddSizeOverridden">True when the caller set odd_size's threshold (else cleanvision's own choice applies).</param>
    public static IReadOnlyList<Verdict> Judge(IReadOnlyList<ImageQualityScores> images, IReadOnlyDictionary<string, double> thresholds, bool oddSizeOverridden)
    {
        var oddSize = OddSizeScores.Compute(images.Select(s => OddSizeScores.SideOf(s.Width, s.Height)).ToArray());
        var oddSizeThreshold = oddSizeOverridden ? thresholds[ImageQualityCheck.OddSize] : oddSize.Threshold;
        var verdicts = new Verdict[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var scores = images[i].ByCheck().ToDictionary(p => p.Key, p => p.Value);
            scores[ImageQualityCheck.OddSize] = oddSize.Scores[i];
            var issues = ImageQualityCheck.All
                .Where(c => scores[c] < (c == ImageQualityCheck.OddSize ? oddSizeThreshold : thresholds[c]))
                .ToArray();
            verdicts[i] = new Verdict(scores, issues);
        }
        return verdicts;
    }
}

namespace FiftyOneBrain.Brain;

/// <summary>How Find-FoMistake reads and writes fields; defaults are FiftyOne's.</summary>
public sealed record MistakennessOptions
{
    public string LabelField { get; init; } = "ground_truth";
    public string PredictionField { get; init; } = "predictions";
    public bool UseLogits { get; init; }
    public string MistakennessField { get; init; } = "mistakenness";
    public string MissingField { get; init; } = "possible_missing";
    public string SpuriousField { get; init; } = "possible_spurious";
    public double IouThreshold { get; init; } = 0.5;
    public double MissingConfidence { get; init; } = 0.95;
    public bool CopyMissing { get; init; }

    /// <summary>Per-object localisation score field on matched ground truth.</summary>
    public string LocalizationField => MistakennessField + "_loc";

    public void Validate()
    {
        DetectionMatching.CheckThreshold(IouThreshold);
        if (!(MissingConfidence >= 0 && MissingConfidence <= 1))
            throw new ArgumentOutOfRangeException(nameof(MissingConfidence), MissingConfidence, "The missing-object confidence must be in 0..1.");
        foreach (var name in new[] { LabelField, PredictionField, MistakennessField, MissingField, SpuriousField })
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Field names must not be empty.");
    }
}

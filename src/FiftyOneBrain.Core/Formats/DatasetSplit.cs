namespace FiftyOneBrain.Formats;

/// <summary>The split names FiftyOne uses, with the common spellings users type.</summary>
public static class DatasetSplit
{
    public const string Train = "train";
    public const string Test = "test";
    public const string Validation = "validation";

    /// <summary>Canonical split name, or null for "all splits"; "val" and "valid" mean validation.</summary>
    /// <exception cref="ArgumentException">Not a split name.</exception>
    public static string? Normalize(string? split) => split?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "train" or "training" => Train,
        "test" or "testing" => Test,
        "validation" or "val" or "valid" => Validation,
        _ => throw new ArgumentException($"Unknown split '{split}'. Use train, test or validation."),
    };
}

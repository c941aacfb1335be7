namespace FiftyOneBrain.Gallery;

/// <summary>What a gallery page shows and how it starts out; the page's controls change order and filters later.</summary>
public sealed record GalleryOptions
{
    /// <summary>Numeric field the cards are first sorted by; null keeps the input order.</summary>
    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    /// <summary>Keep only the first N samples after sorting; null keeps all.</summary>
    public int? First { get; init; }

    /// <summary>Fields to put on the page (scores, labels, text); null puts every field.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Label field treated as ground truth (mismatch highlighting, label filter default).</summary>
    public string LabelField { get; init; } = "ground_truth";

    /// <summary>Label field treated as the prediction compared with <see cref="LabelField"/>.</summary>
    public string PredictionField { get; init; } = "predictions";

    /// <summary>Longest side of a thumbnail in pixels.</summary>
    public int ThumbnailSize { get; init; } = 96;

    /// <summary>Field holding each sample's 2-D (or 3-D) point for the embeddings map.</summary>
    public string MapField { get; init; } = CurationFields.DefaultMapField;

    public string Title { get; init; } = "FiftyOneBrain gallery";
}

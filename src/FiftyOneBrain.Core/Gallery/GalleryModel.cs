namespace FiftyOneBrain.Gallery;

// The JSON the page script reads (serialized camelCase, nulls left out). One card per sample.

public sealed class GalleryModel
{
    public string Title { get; init; } = "";
    public string Generated { get; init; } = "";
    /// <summary>Samples received before -First cut the list.</summary>
    public int InputCount { get; init; }
    public int ThumbnailSize { get; init; }
    /// <summary>Numeric fields, in the order first met: sort, badge and threshold candidates.</summary>
    public List<string> ScoreFields { get; init; } = new();
    public List<string> LabelFields { get; init; } = new();
    public List<string> TextFields { get; init; } = new();
    public string? GroundTruthField { get; init; }
    public string? PredictionField { get; init; }
    public string? SortBy { get; init; }
    public bool Descending { get; init; }
    /// <summary>The field the embeddings map is drawn from; null when no shown sample has a point.</summary>
    public string? MapField { get; init; }
    public List<GalleryCard> Samples { get; init; } = new();
}

public sealed class GalleryCard
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Path { get; init; } = "";
    public List<string> Tags { get; init; } = new();
    /// <summary>data: URI of the thumbnail; null when the image could not be read.</summary>
    public string? Thumb { get; init; }
    public int? ThumbWidth { get; init; }
    public int? ThumbHeight { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? Error { get; init; }
    public Dictionary<string, double> Scores { get; init; } = new();
    public Dictionary<string, CardLabel> Labels { get; init; } = new();
    public Dictionary<string, string>? Info { get; init; }
    /// <summary>[x, y] on the embeddings map (the first two coordinates of the map field).</summary>
    public float[]? Point { get; init; }
    /// <summary>Id of the kept sample this one near-duplicates.</summary>
    public string? DuplicateOf { get; init; }
    public bool? Leak { get; init; }
    /// <summary>Id of the nearest sample of another split that this one leaks with.</summary>
    public string? LeakOf { get; init; }
    /// <summary>Image-quality issues (dark, light, odd_aspect_ratio, low_information, blurry, grayscale, odd_size).</summary>
    public List<string>? Issues { get; init; }
    public CardRelabel? Relabel { get; init; }
}

/// <summary>A relabeled sample's label field and its label before and after.</summary>
public sealed class CardRelabel
{
    public string Field { get; init; } = "";
    public string From { get; init; } = "";
    public string To { get; init; } = "";
}

public sealed class CardLabel
{
    /// <summary>classification, classifications or detections.</summary>
    public string Type { get; init; } = "";
    /// <summary>Distinct labels, for display and the label filter.</summary>
    public List<string> Labels { get; init; } = new();
    public double? Confidence { get; init; }
    public Dictionary<string, object>? Attributes { get; init; }
    public List<CardObject>? Objects { get; init; }
}

public sealed class CardObject
{
    public string? Label { get; init; }
    /// <summary>[x, y, width, height] relative to the image, for the box overlay; null for classifications.</summary>
    public double[]? Box { get; init; }
    public double? Confidence { get; init; }
    public Dictionary<string, object>? Attributes { get; init; }
}

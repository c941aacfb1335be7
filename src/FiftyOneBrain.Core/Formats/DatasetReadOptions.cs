namespace FiftyOneBrain.Formats;

/// <summary>Reports long work (unpacking, scanning) as done/total; called on the reading thread only.</summary>
public delegate void DatasetProgress(string activity, long done, long total);

/// <summary>How to read a dataset; every reader honours the options that apply to its format.</summary>
public sealed record DatasetReadOptions
{
    /// <summary>"train", "test", "validation" ... or null for the format's default (all, or train).</summary>
    public string? Split { get; init; }

    /// <summary>The sample field that receives the format's labels.</summary>
    public string LabelField { get; init; } = "ground_truth";

    /// <summary>Stop after this many samples (problems do not count).</summary>
    public int? MaxSamples { get; init; }

    /// <summary>Where array formats (IDX, CIFAR) unpack their PNG files; null = the default cache under the user's home.</summary>
    public string? CacheDirectory { get; init; }

    public DatasetProgress? Progress { get; init; }

    /// <summary>Receives warnings about input the reader accepted with a guess (e.g. a path it had to fall back from).</summary>
    public Action<string>? Warning { get; init; }

    public static DatasetReadOptions Default { get; } = new();
}

/// <summary>How to write a dataset.</summary>
public sealed record DatasetWriteOptions
{
    /// <summary>The sample field whose labels the format stores (classification or detections formats).</summary>
    public string LabelField { get; init; } = "ground_truth";

    /// <summary>The split written by formats that lay splits out on disk (YOLOv5, directory trees with splits).</summary>
    public string? Split { get; init; }

    /// <summary>Write the samples' original absolute paths instead of copying media (formats whose labels file can point anywhere).</summary>
    public bool ReferenceMedia { get; init; }

    /// <summary>The dataset's name, written where a format records one (FiftyOneDataset's metadata.json); null = the folder's name.</summary>
    public string? DatasetName { get; init; }

    public DatasetProgress? Progress { get; init; }

    public static DatasetWriteOptions Default { get; } = new();
}

using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>What went wrong with one sample or label file; the names double as PowerShell ErrorIds.</summary>
public enum DatasetProblemKind
{
    /// <summary>A sample's media file does not exist.</summary>
    MediaFileMissing,
    /// <summary>A file is not a readable image (bad header, truncated data).</summary>
    ImageUnreadable,
    /// <summary>A labels/annotations file (JSON, YAML, txt) or one entry in it cannot be parsed.</summary>
    MalformedLabels,
    /// <summary>A class index points outside the list of class names.</summary>
    LabelIndexOutOfRange,
    /// <summary>A relative path in a labels file leads outside the dataset directory.</summary>
    PathOutsideDatasetRoot,
    /// <summary>A sample's label cannot be written in the chosen format (wrong type, unknown class, unusable name).</summary>
    UnsupportedLabel,
    /// <summary>A sample's image cannot be stored by the chosen format (array formats need one fixed size).</summary>
    UnsupportedImage,
    /// <summary>Two samples claim the same id; the later one is neither imported nor written.</summary>
    DuplicateSampleId,
}

/// <summary>A per-sample problem: the reader skips the sample, reports this and goes on.</summary>
public sealed record DatasetProblem(DatasetProblemKind Kind, string Path, string Message)
{
    public string ErrorId => Kind.ToString();

    public override string ToString() => $"{ErrorId}: {Message} ({Path})";

    /// <summary>A writer's problem with a sample's label field: "&lt;path&gt;: field 'x' holds a Y; &lt;what the format stores&gt;."</summary>
    public static DatasetProblem UnsupportedLabel(Sample sample, string field, object value, string formatStores) =>
        new(DatasetProblemKind.UnsupportedLabel, sample.Filepath, $"{sample.Filepath}: field '{field}' holds {Describe(value)}; {formatStores}.");

    private static string Describe(object value) => value is Classification { Label: var label } ? $"Classification '{label}'" : $"a {value.GetType().Name}";
}

/// <summary>One step of a read: a sample, or the problem that made the reader skip one.</summary>
public readonly record struct ReadResult(Sample? Sample, DatasetProblem? Problem)
{
    public static ReadResult Of(Sample sample) => new(sample, null);
    public static ReadResult Fail(DatasetProblemKind kind, string path, string message) => new(null, new DatasetProblem(kind, path, message));
}

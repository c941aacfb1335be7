namespace FiftyOneBrain.Formats;

/// <summary>
/// A dataset's own labels file (samples.json, labels.json, data.yaml) cannot be read as a whole, so no sample
/// can be trusted: readers stop with this instead of reporting per-sample problems. The message names the file.
/// </summary>
public sealed class MalformedDatasetFileException(string filePath, string message, Exception? inner = null)
    : FormatException(message, inner)
{
    public string FilePath => filePath;
}

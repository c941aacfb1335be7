using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// One dataset layout on disk. Reading streams samples and per-sample problems; whole-dataset problems
/// (missing directory, missing array files) throw. Writing fills an empty directory (the caller
/// makes it atomic by writing to a temporary directory and renaming).
/// </summary>
public interface IDatasetFormat
{
    /// <summary>FiftyOne's dataset type name, e.g. "FiftyOneDataset".</summary>
    string Name { get; }

    bool CanWrite { get; }

    /// <exception cref="DirectoryNotFoundException">The dataset directory does not exist.</exception>
    IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options);

    /// <summary>Writes the samples; samples that cannot be written are skipped and returned as problems.</summary>
    /// <exception cref="NotSupportedException">The format is read-only.</exception>
    IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options);
}

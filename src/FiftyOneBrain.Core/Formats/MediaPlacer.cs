using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// Decides what filepath a writer stores for a sample: a copy under &lt;export&gt;/&lt;folder&gt; (relative path),
/// or with <c>reference</c> the original absolute path. A missing media file becomes a problem.
/// </summary>
public sealed class MediaPlacer(string exportDirectory, string folder, bool reference)
{
    private readonly MediaCopier _copier = new(Path.Combine(exportDirectory, folder));

    /// <summary>The path to store (relative with '/' when copied), or null when the sample must be skipped.</summary>
    public string? Place(Sample sample, List<DatasetProblem> problems) =>
        PlaceFull(sample, problems) is { } full ? reference ? full : DatasetPaths.ToPortableRelative(exportDirectory, full) : null;

    /// <summary>The absolute path of the media the export refers to, or null when the sample must be skipped.</summary>
    public string? PlaceFull(Sample sample, List<DatasetProblem> problems)
    {
        if (!File.Exists(sample.Filepath))
        {
            problems.Add(new DatasetProblem(DatasetProblemKind.MediaFileMissing, sample.Filepath, $"Media file not found: {sample.Filepath}"));
            return null;
        }
        return reference ? Path.GetFullPath(sample.Filepath) : _copier.Copy(sample.Filepath);
    }
}

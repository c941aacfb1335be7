using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// &lt;root&gt;/&lt;class&gt;/&lt;image&gt;: the label is the image's folder relative to the root ('/' separated, so a
/// class such as "T-shirt/top" is a nested folder and round-trips); images directly in the root or in
/// "_unlabeled" have no label, FiftyOne's convention. With a split, the root is &lt;dir&gt;/&lt;split&gt;.
/// Every image's header and end marker are checked, so samples carry true sizes and a truncated or
/// corrupt file becomes one problem instead of a sample that fails later.
/// </summary>
public sealed class ImageClassificationDirectoryTreeFormat : IDatasetFormat
{
    public const string UnlabeledFolder = "_unlabeled";

    public string Name => "ImageClassificationDirectoryTree";
    public bool CanWrite => true;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var root = DatasetSplit.Normalize(options.Split) is { } split ? Path.Combine(datasetDirectory, split) : datasetDirectory;
        DatasetPaths.RequireDirectory(root);
        return ReadTree(root, options);
    }

    private static IEnumerable<ReadResult> ReadTree(string root, DatasetReadOptions options)
    {
        var files = ImageFilesUnder(root);
        var remaining = options.MaxSamples ?? int.MaxValue;
        for (var i = 0; i < files.Count && remaining > 0; i++)
        {
            if (i % 256 == 0) options.Progress?.Invoke($"Reading images in {root}", i, files.Count);
            var path = files[i];
            var metadata = ImageCheck.Inspect(path, out var problem);
            if (problem is not null)
            {
                yield return new ReadResult(null, problem);
                continue;
            }
            var sample = new Sample(path) { Metadata = metadata };
            if (LabelOf(root, path) is { } label) sample.SetField(options.LabelField, new Classification(label));
            remaining--;
            yield return ReadResult.Of(sample);
        }
    }

    /// <summary>Image files in ordinal path order, so imports are deterministic across file systems.</summary>
    private static List<string> ImageFilesUnder(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(ImageCheck.HasImageExtension)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string? LabelOf(string root, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetRelativePath(root, path));
        if (string.IsNullOrEmpty(folder) || folder == UnlabeledFolder) return null;
        return folder.Replace(Path.DirectorySeparatorChar, '/');
    }

    public void Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        var copiers = new Dictionary<string, MediaCopier>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var folder = sample.GetField(options.LabelField) is Classification { Label: { Length: > 0 } label } ? FolderOf(label) : UnlabeledFolder;
            if (!copiers.TryGetValue(folder, out var copier))
                copiers[folder] = copier = new MediaCopier(Path.Combine(directory, folder));
            copier.Copy(sample.Filepath);
        }
    }

    /// <summary>A label as a relative folder; refuses labels that would climb out ("..") or be rooted.</summary>
    private static string FolderOf(string label)
    {
        var parts = label.Split('/');
        if (parts.Any(p => p is "" or "." or ".." || p.Contains('\\') || p.Contains('\0')))
            throw new ArgumentException($"Label '{label}' cannot be a folder name.");
        return Path.Combine(parts);
    }
}

using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// &lt;root&gt;/&lt;class&gt;/.../&lt;image&gt;, FiftyOne's convention: the label is the first folder below the root
/// (images deeper down belong to that class), "_unlabeled" holds images without a label, files directly in
/// the root and hidden folders are ignored. With a split, the root is &lt;dir&gt;/&lt;split&gt;. Class names are
/// folder names, so '/', '\' and '%' in a label are written percent-escaped ("T-shirt%2Ftop") and
/// unescaped on read, which keeps Fashion-MNIST's "T-shirt/top" intact on a round trip. A leading '.' is
/// written "%2E" too, because readers skip hidden folders and the class would vanish.
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
        return ReadTree(root, options).LimitSamples(options.MaxSamples);
    }

    private static IEnumerable<ReadResult> ReadTree(string root, DatasetReadOptions options)
    {
        var files = ImageFilesUnder(root);
        for (var i = 0; i < files.Count; i++)
        {
            if (i % 256 == 0) options.Progress?.Invoke($"Reading images in {root}", i, files.Count);
            var (path, folder) = files[i];
            var metadata = ImageCheck.Inspect(path, out var problem);
            if (problem is not null)
            {
                yield return new ReadResult(null, problem);
                continue;
            }
            var sample = new Sample(path) { Metadata = metadata };
            if (folder != UnlabeledFolder) sample.SetField(options.LabelField, new Classification(Unescape(folder)));
            yield return ReadResult.Of(sample);
        }
    }

    /// <summary>Image files below the class folders, in ordinal path order so imports are deterministic.</summary>
    private static List<(string Path, string Folder)> ImageFilesUnder(string root)
    {
        var files = new List<(string, string)>();
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetFileName(dir);
            if (folder.StartsWith('.')) continue;
            files.AddRange(ImageFiles.Under(dir).Select(p => (p, folder)));
        }
        return files;
    }

    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        // With a split, the classes go under <dir>/<split>, where Read looks for them.
        var root = DatasetSplit.Normalize(options.Split) is { } split ? Path.Combine(directory, split) : directory;
        Directory.CreateDirectory(root);
        var problems = new List<DatasetProblem>();
        var placers = new Dictionary<string, MediaPlacer>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            string folder;
            switch (sample.GetField(options.LabelField))
            {
                case null: folder = UnlabeledFolder; break;
                case Classification { Label: { Length: > 0 } label } when label is not ("." or ".." or UnlabeledFolder): folder = Escape(label); break;
                case var other:
                    problems.Add(DatasetProblem.UnsupportedLabel(sample, options.LabelField, other, "a directory tree needs a Classification with a usable label"));
                    continue;
            }
            if (!placers.TryGetValue(folder, out var placer))
                placers[folder] = placer = new MediaPlacer(root, folder, reference: false);
            placer.PlaceFull(sample, problems);
        }
        return problems;
    }

    private static string Escape(string label)
    {
        var escaped = label.Replace("%", "%25").Replace("/", "%2F").Replace("\\", "%5C");
        return escaped.StartsWith('.') ? "%2E" + escaped[1..] : escaped;
    }

    private static string Unescape(string folder) =>
        folder.Contains('%') ? folder.Replace("%2F", "/").Replace("%2f", "/").Replace("%5C", "\\").Replace("%5c", "\\").Replace("%2E", ".").Replace("%2e", ".").Replace("%25", "%") : folder;
}

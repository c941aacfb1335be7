using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// fo.types.ImageDirectory: every image anywhere below a folder, without labels (hidden files and folders are
/// skipped). Written as the images copied flat into the folder, same-named files made unique with "-1", "-2" ...
/// Every image's header and end marker are checked, as in the directory tree, so samples carry true sizes.
/// There are no splits: -Split does not apply.
/// </summary>
public sealed class ImageDirectoryFormat : IDatasetFormat
{
    public string Name => "ImageDirectory";
    public bool CanWrite => true;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        return ReadImages(datasetDirectory, options).LimitSamples(options.MaxSamples);
    }

    private static IEnumerable<ReadResult> ReadImages(string root, DatasetReadOptions options)
    {
        var files = ImageFiles.Under(root);
        for (var i = 0; i < files.Count; i++)
        {
            if (i % 256 == 0) options.Progress?.Invoke($"Reading images in {root}", i, files.Count);
            var metadata = ImageCheck.Inspect(files[i], out var problem);
            yield return problem is null ? ReadResult.Of(new Sample(files[i]) { Metadata = metadata }) : new ReadResult(null, problem);
        }
    }

    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var problems = new List<DatasetProblem>();
        var placer = new MediaPlacer(directory, "", reference: false);
        foreach (var sample in samples)
            placer.PlaceFull(sample, problems);
        return problems;
    }
}

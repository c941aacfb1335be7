using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// MNIST-style datasets: {train,t10k}-images-idx3-ubyte[.gz] and {train,t10k}-labels-idx1-ubyte[.gz] in one
/// directory. Images are unpacked once to PNG (see <see cref="ImageArrayCache"/>) under
/// &lt;cache&gt;/&lt;split&gt;/data; labels become Classifications with the dataset's class names, and each
/// sample is tagged with its split, as FiftyOne's zoo does.
/// </summary>
public sealed class IdxClassificationFormat(string name, string cacheName, IReadOnlyList<string> classes) : IDatasetFormat
{
    public string Name => name;
    public IReadOnlyList<string> Classes => classes;
    public bool CanWrite => false;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var split = DatasetSplit.Normalize(options.Split);
        if (split == DatasetSplit.Validation)
            throw new ArgumentException($"{Name} has only train and test splits.", nameof(options));
        var splits = split is null ? new[] { DatasetSplit.Train, DatasetSplit.Test } : new[] { split };
        var files = splits.Select(s => (Split: s, Images: SourceFile(datasetDirectory, s, "images-idx3"), Labels: SourceFile(datasetDirectory, s, "labels-idx1"))).ToList();
        var cacheRoot = options.CacheDirectory ?? ImageArrayCache.DefaultDirectory(cacheName);
        return ReadSplits(files, cacheRoot, options);
    }

    private IEnumerable<ReadResult> ReadSplits(List<(string Split, string Images, string Labels)> files, string cacheRoot, DatasetReadOptions options)
    {
        var remaining = options.MaxSamples ?? int.MaxValue;
        foreach (var (split, imagesPath, labelsPath) in files)
        {
            var labels = IdxFile.Read(labelsPath);
            if (labels.Dimensions.Length != 1) throw new InvalidDataException($"Expected a labels IDX file (1 dimension): {labelsPath}");
            var dataDir = Path.Combine(cacheRoot, split, "data");
            ImageArrayCache.Ensure(dataDir, ImageArrayCache.SourceKey(imagesPath), () =>
            {
                var images = IdxFile.Read(imagesPath).AsImages(imagesPath);
                if (images.Count != labels.Data.Length)
                    throw new InvalidDataException($"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Data.Length} labels.");
                return images;
            }, options.Progress);

            for (var i = 0; i < labels.Data.Length && remaining > 0; i++)
            {
                var result = ToSample(i, labels.Data[i], split, dataDir, labelsPath, options.LabelField);
                if (result.Sample is not null) remaining--;
                yield return result;
            }
        }
    }

    private ReadResult ToSample(int index, byte label, string split, string dataDir, string labelsPath, string labelField)
    {
        if (label >= classes.Count)
            return ReadResult.Fail(DatasetProblemKind.LabelIndexOutOfRange, labelsPath,
                $"Record {index} has label index {label}, but {Name} has {classes.Count} classes (0..{classes.Count - 1}).");
        var path = Path.Combine(dataDir, ImageArrayCache.FileName(index));
        if (!File.Exists(path))
            return ReadResult.Fail(DatasetProblemKind.MediaFileMissing, path, $"Unpacked image is missing from the cache: {path}");
        var sample = new Sample(path);
        sample.Tags.Add(split);
        sample.SetField(labelField, new Classification(classes[label]));
        return ReadResult.Of(sample);
    }

    /// <summary>"train" or "t10k" files, gzipped or not.</summary>
    private static string SourceFile(string directory, string split, string kind)
    {
        var stem = Path.Combine(directory, $"{(split == DatasetSplit.Train ? "train" : "t10k")}-{kind}-ubyte");
        if (File.Exists(stem + ".gz")) return stem + ".gz";
        if (File.Exists(stem)) return stem;
        throw new FileNotFoundException($"IDX file not found: {stem}.gz", stem + ".gz");
    }

    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options) =>
        throw new NotSupportedException($"{Name} is read-only here.");
}

/// <summary>Zalando's Fashion-MNIST: 60k train / 10k test grey 28x28 images of 10 clothing classes.</summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the IDX files.</summary>
    public const string DefaultSourceDirectory = "/usr/share/datasets/fashion-mnist";

    public static IReadOnlyList<string> Classes { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static IdxClassificationFormat Format { get; } = new("FashionMNIST", "fashion-mnist", Classes);

    /// <summary>
    /// The samples of one split ("train" or "test"), unpacking to <paramref name="cacheDirectory"/> on first use
    /// (default ~/fiftyone-brain/fashion-mnist). Throws on any per-sample problem; the installed data has none.
    /// </summary>
    public static IReadOnlyList<Sample> Read(string split, string? cacheDirectory = null, string sourceDirectory = DefaultSourceDirectory,
        int? maxSamples = null, string labelField = "ground_truth") =>
        Format.Read(sourceDirectory, new DatasetReadOptions { Split = split, CacheDirectory = cacheDirectory, MaxSamples = maxSamples, LabelField = labelField })
            .SamplesOrThrow();
}

/// <summary>LeCun's MNIST digits, with FiftyOne's class names ("0 - zero" ...).</summary>
public static class Mnist
{
    public static IReadOnlyList<string> Classes { get; } =
        ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"];

    public static IdxClassificationFormat Format { get; } = new("MNIST", "mnist", Classes);

    public static IReadOnlyList<Sample> Read(string sourceDirectory, string split, string? cacheDirectory = null, int? maxSamples = null,
        string labelField = "ground_truth") =>
        Format.Read(sourceDirectory, new DatasetReadOptions { Split = split, CacheDirectory = cacheDirectory, MaxSamples = maxSamples, LabelField = labelField })
            .SamplesOrThrow();
}

using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// MNIST-style datasets: {train,t10k}-images-idx3-ubyte[.gz] and {train,t10k}-labels-idx1-ubyte[.gz] in one
/// directory. Images are unpacked once to PNG (see <see cref="ImageArrayCache"/>) under
/// &lt;cache&gt;/&lt;split&gt;/data; labels become Classifications with the dataset's class names, and each
/// sample is tagged with its split, as FiftyOne's zoo does.
/// </summary>
public sealed class IdxClassificationFormat(string name, string cacheName, IReadOnlyList<string> classes, string? usualSource = null) : IDatasetFormat
{
    public string Name => name;
    public IReadOnlyList<string> Classes => classes;
    public bool CanWrite => true;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var split = DatasetSplit.Normalize(options.Split);
        if (split == DatasetSplit.Validation)
            throw new ArgumentException($"{Name} has only train and test splits.");
        // Without a split, every split whose files are present (FiftyOne's zoo loads all splits).
        var splits = split is not null ? [split]
            : new[] { DatasetSplit.Train, DatasetSplit.Test }.Where(s => HasSourceFile(datasetDirectory, s, "images-idx3")).DefaultIfEmpty(DatasetSplit.Train);
        var files = splits.Select(s => (Split: s, Images: SourceFile(datasetDirectory, s, "images-idx3"), Labels: SourceFile(datasetDirectory, s, "labels-idx1"))).ToList();
        var cacheRoot = options.CacheDirectory ?? ImageArrayCache.DefaultDirectory(cacheName, datasetDirectory, usualSource);
        return ReadSplits(files, cacheRoot, options);
    }

    private IEnumerable<ReadResult> ReadSplits(List<(string Split, string Images, string Labels)> files, string cacheRoot, DatasetReadOptions options) =>
        files.SelectMany(f => ReadSplit(f.Split, f.Images, f.Labels, cacheRoot, options)).LimitSamples(options.MaxSamples);

    private IEnumerable<ReadResult> ReadSplit(string split, string imagesPath, string labelsPath, string cacheRoot, DatasetReadOptions options)
    {
        var labels = IdxFile.Read(labelsPath);
        if (labels.Dimensions.Length != 1) throw new InvalidDataException($"Expected a labels IDX file (1 dimension): {labelsPath}");
        var dataDir = Path.Combine(cacheRoot, split, "data");
        IImageArray Load()
        {
            var images = IdxFile.Read(imagesPath).AsImages(imagesPath);
            if (images.Count != labels.Data.Length)
                throw new InvalidDataException($"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Data.Length} labels.");
            return images;
        }
        ImageArrayCache.Ensure(dataDir, ImageArrayCache.SourceKey(imagesPath), Load, options.Progress);
        return UnpackedClassificationSamples.Enumerate(labels.Data, classes, split, dataDir, labelsPath, Name, options.LabelField, Load);
    }

    private static string Stem(string directory, string split, string kind) =>
        Path.Combine(directory, $"{(split == DatasetSplit.Train ? "train" : "t10k")}-{kind}-ubyte");

    private static bool HasSourceFile(string directory, string split, string kind) =>
        File.Exists(Stem(directory, split, kind) + ".gz") || File.Exists(Stem(directory, split, kind));

    /// <summary>"train" or "t10k" files, gzipped or not.</summary>
    private static string SourceFile(string directory, string split, string kind)
    {
        var stem = Stem(directory, split, kind);
        if (File.Exists(stem + ".gz")) return stem + ".gz";
        if (File.Exists(stem)) return stem;
        throw new FileNotFoundException($"IDX file not found: {stem}.gz", stem + ".gz");
    }

    /// <summary>
    /// Writes {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz for the split (test by default): grey images, all of
    /// the first image's size, labelled with this dataset's class names.
    /// </summary>
    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var problems = new List<DatasetProblem>();
        int? width = null, height = null;
        var entries = ImageArrayWriter.Collect(samples, classes, options.LabelField, 1, ref width, ref height, problems);
        var prefix = DatasetSplit.Normalize(options.Split) == DatasetSplit.Train ? "train" : "t10k";
        IdxFile.Write(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), [entries.Count, height ?? 0, width ?? 0], entries.SelectMany(e => e.Pixels));
        IdxFile.Write(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), [entries.Count], entries.Select(e => e.Label));
        return problems;
    }
}

/// <summary>Zalando's Fashion-MNIST: 60k train / 10k test grey 28x28 images of 10 clothing classes.</summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the IDX files.</summary>
    public const string DefaultSourceDirectory = "/usr/share/datasets/fashion-mnist";

    public static IReadOnlyList<string> Classes { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static IdxClassificationFormat Format { get; } = new("FashionMNIST", "fashion-mnist", Classes, DefaultSourceDirectory);

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

using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// CIFAR-10's binary version: data_batch_1..5.bin (train) and test_batch.bin (test), each a run of
/// 3073-byte records (1 label byte, then 1024 red, 1024 green, 1024 blue bytes of a 32x32 image, row by row),
/// in &lt;Path&gt; or &lt;Path&gt;/cifar-10-batches-bin. Class names come from batches.meta.txt when present.
/// Images are unpacked once to PNG in a cache folder, like the IDX formats.
/// </summary>
public sealed class Cifar10Format : IDatasetFormat
{
    public const int Side = 32;
    public const int RecordSize = 1 + 3 * Side * Side;

    public static IReadOnlyList<string> DefaultClasses { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public string Name => "CIFAR10";
    public bool CanWrite => true;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var dir = Directory.Exists(Path.Combine(datasetDirectory, "cifar-10-batches-bin")) ? Path.Combine(datasetDirectory, "cifar-10-batches-bin") : datasetDirectory;
        var split = DatasetSplit.Normalize(options.Split);
        if (split == DatasetSplit.Validation) throw new ArgumentException("CIFAR10 has only train and test splits.");
        // Without a split, every split whose batches are present.
        var splits = (split is not null ? [split]
                : new[] { DatasetSplit.Train, DatasetSplit.Test }.Where(s => BatchNames(s).Any(n => File.Exists(Path.Combine(dir, n)))).DefaultIfEmpty(DatasetSplit.Train))
            .Select(s => (Split: s, Files: BatchFiles(dir, s))).ToList();
        var classes = ClassNames(dir);
        var cacheRoot = options.CacheDirectory ?? ImageArrayCache.DefaultDirectory("cifar10", dir, usualSource: null);
        return splits.SelectMany(s => ReadSplit(s.Split, s.Files, classes, cacheRoot, options)).LimitSamples(options.MaxSamples);
    }

    private IEnumerable<ReadResult> ReadSplit(string split, string[] files, IReadOnlyList<string> classes, string cacheRoot, DatasetReadOptions options)
    {
        var labels = ReadLabels(files);
        var dataDir = Path.Combine(cacheRoot, split, "data");
        ImageArrayCache.Ensure(dataDir, ImageArrayCache.SourceKey(files), () => new Batches(files), options.Progress);
        return UnpackedClassificationSamples.Enumerate(labels, classes, split, dataDir, files.Length == 1 ? files[0] : Path.GetDirectoryName(files[0])!, Name,
            options.LabelField, () => new Batches(files));
    }

    private static IEnumerable<string> BatchNames(string split) =>
        split == DatasetSplit.Train ? Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin") : ["test_batch.bin"];

    private static string[] BatchFiles(string dir, string split)
    {
        var names = BatchNames(split).ToArray();
        var files = names.Select(n => Path.Combine(dir, n)).Where(File.Exists).ToArray();
        if (files.Length == 0) throw new FileNotFoundException($"No CIFAR-10 {split} batches ({string.Join(", ", names)}) in {dir}.");
        foreach (var f in files)
            if (new FileInfo(f).Length % RecordSize != 0)
                throw new InvalidDataException($"{f} is not a whole number of {RecordSize}-byte CIFAR-10 records (truncated?).");
        return files;
    }

    private static IReadOnlyList<string> ClassNames(string dir)
    {
        var meta = Path.Combine(dir, "batches.meta.txt");
        if (!File.Exists(meta)) return DefaultClasses;
        var names = File.ReadAllLines(meta).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return names.Length > 0 ? names : DefaultClasses;
    }

    /// <summary>The label byte of every record, read without loading the pixels (the cache may already hold them).</summary>
    private static byte[] ReadLabels(string[] files)
    {
        var labels = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        foreach (var f in files)
        {
            using var handle = File.OpenHandle(f);
            var count = RandomAccess.GetLength(handle) / RecordSize;
            for (long r = 0; r < count; r++)
            {
                RandomAccess.Read(handle, one, r * RecordSize);
                labels.Add(one[0]);
            }
        }
        return labels.ToArray();
    }

    /// <summary>
    /// Writes test_batch.bin (or data_batch_1.bin with -Split train) and batches.meta.txt; images must be 32x32
    /// and labels CIFAR-10 class names (or the class names already seen, when they are not CIFAR-10's).
    /// </summary>
    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var problems = new List<DatasetProblem>();
        int? width = Side, height = Side;
        var list = samples.ToList();
        var classes = ClassesFor(list, options.LabelField);
        var entries = ImageArrayWriter.Collect(list, classes, options.LabelField, 3, ref width, ref height, problems);
        var name = DatasetSplit.Normalize(options.Split) == DatasetSplit.Train ? "data_batch_1.bin" : "test_batch.bin";
        using (var stream = File.Create(Path.Combine(directory, name)))
        {
            const int plane = Side * Side;
            var record = new byte[RecordSize];
            foreach (var e in entries)
            {
                record[0] = e.Label;
                for (var p = 0; p < plane; p++)
                {
                    record[1 + p] = e.Pixels[3 * p];
                    record[1 + plane + p] = e.Pixels[3 * p + 1];
                    record[1 + 2 * plane + p] = e.Pixels[3 * p + 2];
                }
                stream.Write(record);
            }
        }
        File.WriteAllLines(Path.Combine(directory, "batches.meta.txt"), classes);
        return problems;
    }

    /// <summary>CIFAR-10's classes when every label is one of them, otherwise the labels seen (at most 256, one byte each).</summary>
    private static IReadOnlyList<string> ClassesFor(List<Sample> samples, string labelField)
    {
        var seen = samples.Select(s => s.GetField<Classification>(labelField)?.Label).OfType<string>().Distinct().ToList();
        if (seen.All(DefaultClasses.Contains)) return DefaultClasses;
        return seen.Order(StringComparer.Ordinal).Take(256).ToList();
    }

    /// <summary>All records of the split's batch files, as one image array (planar RGB to interleaved).</summary>
    private sealed class Batches : IImageArray
    {
        private readonly byte[][] _data;
        private readonly int[] _starts;

        public Batches(string[] files)
        {
            _data = files.Select(File.ReadAllBytes).ToArray();
            _starts = new int[_data.Length + 1];
            for (var i = 0; i < _data.Length; i++) _starts[i + 1] = _starts[i] + _data[i].Length / RecordSize;
        }

        public int Count => _starts[^1];
        public int Width => Side;
        public int Height => Side;
        public int Channels => 3;

        public void CopyPixels(int index, Span<byte> destination)
        {
            var batch = Array.FindLastIndex(_starts, s => s <= index);
            var record = _data[batch].AsSpan((index - _starts[batch]) * RecordSize + 1, RecordSize - 1);
            const int plane = Side * Side;
            for (var p = 0; p < plane; p++)
            {
                destination[3 * p] = record[p];
                destination[3 * p + 1] = record[plane + p];
                destination[3 * p + 2] = record[2 * plane + p];
            }
        }
    }
}

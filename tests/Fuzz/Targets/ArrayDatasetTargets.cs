using System.IO.Compression;
using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Fuzz.Targets;

/// <summary>The array readers (IDX of MNIST/Fashion-MNIST, CIFAR-10 binary batches), which unpack to PNG and then read.</summary>
public static class ArrayDatasetTargets
{
    private const string ImagesFile = "train-images-idx3-ubyte";
    private const string LabelsFile = "train-labels-idx1-ubyte";

    private static byte[] Idx(byte[] data, params int[] dims)
    {
        var header = new List<byte> { 0, 0, 0x08, (byte)dims.Length };
        foreach (var d in dims) header.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        return [.. header, .. data];
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest)) gz.Write(bytes);
        return output.ToArray();
    }

    private static readonly byte[] TwoImages = Idx(Enumerable.Range(0, 2 * 4 * 4).Select(i => (byte)(i * 8)).ToArray(), 2, 4, 4);
    private static readonly byte[] TwoLabels = Idx([3, 9], 2);

    /// <summary>The fuzzed bytes replace the labels file when they start like one (1 dimension), else the images file.</summary>
    public static IFuzzTarget Idx() => new DatasetTarget("idx", FashionMnist.Format, s =>
        {
            s.Write($"dataset/{ImagesFile}", TwoImages);
            s.Write($"dataset/{LabelsFile}", TwoLabels);
        }, input => input is [0, 0, 0x08, 1, ..] ? LabelsFile : ImagesFile,
        Seeds.Binary(("images.idx3", TwoImages), ("labels.idx1", TwoLabels), ("images.idx3.gz", Gzip(TwoImages))),
        split: "train");

    private static byte[] CifarRecords(params byte[] labels) =>
        labels.SelectMany(label => new[] { label }.Concat(Enumerable.Range(0, Cifar10Format.RecordSize - 1).Select(i => (byte)(i % 251)))).ToArray();

    public static IFuzzTarget Cifar() => new DatasetTarget("cifar", new Cifar10Format(),
        s => s.WriteText("dataset/batches.meta.txt", string.Join('\n', Cifar10Format.DefaultClasses) + "\n"), "test_batch.bin",
        Seeds.Binary(("one.bin", CifarRecords(3)), ("two.bin", CifarRecords(0, 9))),
        split: "test");
}

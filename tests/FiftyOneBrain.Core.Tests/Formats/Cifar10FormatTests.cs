using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>CIFAR-10 itself is not available offline, so the tests write small batches in its exact record layout.</summary>
public sealed class Cifar10FormatTests
{
    private static readonly Cifar10Format Format = new();

    /// <summary>Record i: label labels[i]; red = i, green = 100 + pixel % 50, blue = 255 - i.</summary>
    private static void WriteBatch(string path, params byte[] labels)
    {
        using var file = File.Create(path);
        for (var i = 0; i < labels.Length; i++)
        {
            file.WriteByte(labels[i]);
            file.Write(Enumerable.Repeat((byte)i, 1024).ToArray());
            file.Write(Enumerable.Range(0, 1024).Select(p => (byte)(100 + p % 50)).ToArray());
            file.Write(Enumerable.Repeat((byte)(255 - i), 1024).ToArray());
        }
    }

    [Fact]
    public void Unpacks_planar_records_to_rgb_pngs_with_class_names()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteBatch(src["test_batch.bin"], 3, 9, 0);

        var samples = Format.Read(src.Path, new DatasetReadOptions { Split = "test", CacheDirectory = cache.Path }).SamplesOrThrow();

        Assert.Equal(["cat", "truck", "airplane"], samples.Select(s => s.GetField<Classification>("ground_truth")!.Label));
        using var png = SKBitmap.Decode(samples[1].Filepath);
        Assert.Equal((32, 32), (png.Width, png.Height));
        Assert.Equal(new SKColor(1, 100 + 37 % 50, 254), png.GetPixel(5, 1)); // pixel index 37 = row 1, column 5
        Assert.Equal(3, samples[0].Metadata!.NumChannels);
    }

    [Fact]
    public void Label_out_of_range_and_truncated_batch()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteBatch(src["data_batch_1.bin"], 1, 10);
        WriteBatch(src["data_batch_2.bin"], 2);
        var samples = Format.Read(src.Path, new DatasetReadOptions { Split = "train", CacheDirectory = cache.Path }).Samples(out var problems);
        Assert.Equal(["automobile", "bird"], samples.Select(s => s.GetField<Classification>("ground_truth")!.Label));
        Assert.Equal(DatasetProblemKind.LabelIndexOutOfRange, Assert.Single(problems).Kind);

        File.WriteAllBytes(src["test_batch.bin"], new byte[Cifar10Format.RecordSize + 5]);
        Assert.Throws<InvalidDataException>(() => Format.Read(src.Path, new DatasetReadOptions { Split = "test", CacheDirectory = cache.Path }).ToList());
    }

    [Fact]
    public void Round_trip_keeps_pixels_and_labels()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        using var cache2 = new TempDir();
        WriteBatch(src["test_batch.bin"], 4, 5, 6);
        var samples = Format.Read(src.Path, new DatasetReadOptions { Split = "test", CacheDirectory = cache.Path }).SamplesOrThrow();

        Assert.Empty(Format.Write(samples, src["out"], DatasetWriteOptions.Default));

        Assert.Equal(File.ReadAllBytes(src["test_batch.bin"]), File.ReadAllBytes(src["out/test_batch.bin"]));
        var back = Format.Read(src["out"], new DatasetReadOptions { Split = "test", CacheDirectory = cache2.Path }).SamplesOrThrow();
        Assert.Equal(samples.Select(s => s.GetField<Classification>("ground_truth")!.Label), back.Select(s => s.GetField<Classification>("ground_truth")!.Label));
    }
}

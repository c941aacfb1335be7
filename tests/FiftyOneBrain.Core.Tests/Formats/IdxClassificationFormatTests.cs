using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

public sealed class IdxClassificationFormatTests
{
    /// <summary>Three 4x5 images whose pixels encode their index, and labels 2, 0, 12 (12 is out of range).</summary>
    private static void WriteTinyMnist(string dir, byte thirdLabel = 12)
    {
        var pixels = new byte[3 * 5 * 4];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 4);
        FormatTestFiles.WriteIdx(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), pixels, 3, 5, 4);
        FormatTestFiles.WriteIdx(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), [2, 0, thirdLabel], 3);
    }

    [Fact]
    public void Unpacks_grey_pngs_with_the_exact_pixels_and_class_names()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteTinyMnist(src.Path, thirdLabel: 9);

        var samples = Mnist.Read(src.Path, "test", cache.Path);

        Assert.Equal(["2 - two", "0 - zero", "9 - nine"], samples.Select(s => s.GetField<Classification>("ground_truth")!.Label));
        Assert.All(samples, s => Assert.Equal(["test"], s.Tags));
        Assert.All(samples, s => Assert.StartsWith(Path.Combine(cache.Path, "test", "data"), s.Filepath));
        var meta = samples[1].Metadata!;
        Assert.Equal((4, 5, 1, "image/png"), (meta.Width, meta.Height, meta.NumChannels, meta.MimeType));
        var expected = Enumerable.Range(20, 20).Select(i => (byte)(i * 4)).ToArray();
        Assert.Equal(expected, FormatTestFiles.DecodeGrey(samples[1].Filepath));
    }

    [Fact]
    public void Label_index_out_of_range_skips_that_sample_with_one_problem()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteTinyMnist(src.Path);

        var samples = Mnist.Format.Read(src.Path, new DatasetReadOptions { Split = "test", CacheDirectory = cache.Path }).Samples(out var problems);

        Assert.Equal(2, samples.Count);
        var problem = Assert.Single(problems);
        Assert.Equal(DatasetProblemKind.LabelIndexOutOfRange, problem.Kind);
        Assert.Equal("LabelIndexOutOfRange", problem.ErrorId);
        Assert.Equal(Path.Combine(src.Path, "t10k-labels-idx1-ubyte.gz"), problem.Path);
        Assert.Contains("Record 3 of " + problem.Path, problem.Message);
    }

    [Fact]
    public void Cache_is_reused_until_the_source_changes()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteTinyMnist(src.Path, thirdLabel: 1);
        var first = Mnist.Read(src.Path, "test", cache.Path);
        var stamp = File.GetLastWriteTimeUtc(first[0].Filepath);
        File.SetLastWriteTimeUtc(first[0].Filepath, stamp.AddHours(-1));

        Mnist.Read(src.Path, "test", cache.Path);
        Assert.Equal(stamp.AddHours(-1), File.GetLastWriteTimeUtc(first[0].Filepath));

        File.SetLastWriteTimeUtc(Path.Combine(src.Path, "t10k-images-idx3-ubyte.gz"), DateTime.UtcNow.AddMinutes(1));
        Mnist.Read(src.Path, "test", cache.Path);
        Assert.NotEqual(stamp.AddHours(-1), File.GetLastWriteTimeUtc(first[0].Filepath));
        Assert.Empty(Directory.GetFiles(Path.Combine(cache.Path, "test", "data"), "*.tmp"));
    }

    [Fact]
    public void A_deleted_cache_file_is_unpacked_again()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteTinyMnist(src.Path, thirdLabel: 1);
        var first = Mnist.Read(src.Path, "test", cache.Path);
        File.Delete(first[2].Filepath);

        var samples = Mnist.Format.Read(src.Path, new DatasetReadOptions { Split = "test", CacheDirectory = cache.Path }).Samples(out var problems);

        Assert.Equal(3, samples.Count);
        Assert.Empty(problems);
        Assert.True(File.Exists(first[2].Filepath));
    }

    [Fact]
    public void Truncated_or_missing_idx_files_stop_the_read()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        FormatTestFiles.WriteIdx(Path.Combine(src.Path, "t10k-images-idx3-ubyte.gz"), new byte[30], 3, 5, 4);
        FormatTestFiles.WriteIdx(Path.Combine(src.Path, "t10k-labels-idx1-ubyte.gz"), [1, 2, 3], 3);
        Assert.Throws<InvalidDataException>(() => Mnist.Read(src.Path, "test", cache.Path));
        Assert.Throws<FileNotFoundException>(() => Mnist.Read(src.Path, "train", cache.Path));
        Assert.Throws<DirectoryNotFoundException>(() => Mnist.Read(src["nope"], "test", cache.Path));
    }

    [Fact]
    public void MaxSamples_stops_early()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteTinyMnist(src.Path, thirdLabel: 1);
        Assert.Equal(2, Mnist.Read(src.Path, "test", cache.Path, maxSamples: 2).Count);
    }
}

public sealed class IdxClassificationRoundTripTests
{
    [Fact]
    public void Fashion_mnist_round_trip_keeps_pixels_and_labels()
    {
        using var dir = new TempDir();
        var samples = FashionMnist.Read("test", FashionMnistTests.CacheDirectory, maxSamples: 50);
        var odd = new Sample(FormatTestFiles.CopyPhoto("camera.png", dir["camera.png"]));
        odd.SetField("ground_truth", new Classification("Bag"));

        var problems = FashionMnist.Format.Write(samples.Append(odd), dir["out"], DatasetWriteOptions.Default);

        Assert.Equal(DatasetProblemKind.UnsupportedImage, Assert.Single(problems).Kind);
        var back = FashionMnist.Read("test", dir["cache"], sourceDirectory: dir["out"]);
        Assert.Equal(samples.Select(s => s.GetField<Classification>("ground_truth")!.Label), back.Select(s => s.GetField<Classification>("ground_truth")!.Label));
        Assert.All(samples.Zip(back), p => Assert.Equal(FormatTestFiles.DecodeGrey(p.First.Filepath), FormatTestFiles.DecodeGrey(p.Second.Filepath)));
    }
}

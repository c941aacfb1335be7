using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>A cached PNG that was deleted or damaged is unpacked again from the source, not reported forever.</summary>
public sealed class UnpackCacheRepairTests
{
    private static void WriteTinyMnist(string dir)
    {
        var pixels = new byte[3 * 5 * 4];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 4);
        FormatTestFiles.WriteIdx(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), pixels, 3, 5, 4);
        FormatTestFiles.WriteIdx(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), [2, 0, 1], 3);
    }

    private static void Damage(IReadOnlyList<Sample> samples)
    {
        File.Delete(samples[0].Filepath);
        File.WriteAllBytes(samples[1].Filepath, File.ReadAllBytes(samples[1].Filepath)[..20]);
        File.WriteAllText(samples[2].Filepath, "not a png");
    }

    [Fact]
    public void Idx_cache_reunpacks_missing_and_damaged_pngs()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        WriteTinyMnist(src.Path);
        var first = Mnist.Read(src.Path, "test", cache.Path);
        var pixels = first.Select(s => FormatTestFiles.DecodeGrey(s.Filepath)).ToList();
        Damage(first);

        var again = Mnist.Read(src.Path, "test", cache.Path);

        Assert.Equal(first.Select(s => s.Filepath), again.Select(s => s.Filepath));
        Assert.Equal(pixels, again.Select(s => FormatTestFiles.DecodeGrey(s.Filepath)));
        Assert.Empty(Directory.GetFiles(Path.Combine(cache.Path, "test", "data"), "*.tmp"));
    }

    [Fact]
    public void Cifar_cache_reunpacks_missing_and_damaged_pngs()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        using (var file = File.Create(src["test_batch.bin"]))
            for (var i = 0; i < 3; i++)
            {
                file.WriteByte((byte)i);
                file.Write(Enumerable.Repeat((byte)(40 * i), 3072).ToArray());
            }
        var options = new DatasetReadOptions { Split = "test", CacheDirectory = cache.Path };
        var first = new Cifar10Format().Read(src.Path, options).SamplesOrThrow();
        var bytes = first.Select(s => File.ReadAllBytes(s.Filepath)).ToList();
        Damage(first);

        var again = new Cifar10Format().Read(src.Path, options).SamplesOrThrow();

        Assert.Equal(bytes, again.Select(s => File.ReadAllBytes(s.Filepath)));
    }
}

using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>IDX headers found by fuzzing and probing (tests/Fuzz, target idx).</summary>
public sealed class IdxFileFuzzFindingTests
{
    private static byte[] Header(params int[] dims) =>
        [0, 0, 0x08, (byte)dims.Length, .. dims.SelectMany(d => new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d })];

    private static string Write(TempDir dir, byte[] bytes)
    {
        File.WriteAllBytes(dir["x-idx3-ubyte"], bytes);
        return dir["x-idx3-ubyte"];
    }

    [Fact]
    public void Sizes_whose_product_overflows_are_too_large()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write(dir, Header(1 << 21, 1 << 21, 1 << 21)))); // was OverflowException
        Assert.Contains("too large", e.Message);
    }

    [Fact]
    public void A_huge_header_in_a_small_file_is_refused_before_allocating()
    {
        using var dir = new TempDir();
        var path = Write(dir, Header(1, 30000, 30000));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));
        Assert.Contains("truncated", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the reader allocated the whole promised array");
    }

    [Fact]
    public void Images_without_pixels_are_a_clear_error_not_a_failed_unpack()
    {
        using var src = new TempDir();
        using var cache = new TempDir();
        Write(src, []);
        FormatTestFiles.WriteIdx(src["t10k-images-idx3-ubyte.gz"], [], 2, 0, 4);
        FormatTestFiles.WriteIdx(src["t10k-labels-idx1-ubyte.gz"], [1, 2], 2);

        // was an AggregateException of "PNG encoding failed." from the unpacking threads
        var e = Assert.Throws<InvalidDataException>(() => Mnist.Read(src.Path, "test", cache.Path));
        Assert.Contains("no pixels", e.Message);
    }
}

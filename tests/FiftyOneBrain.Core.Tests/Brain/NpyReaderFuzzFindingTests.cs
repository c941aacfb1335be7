using System.Text;
using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Tests.Brain;

/// <summary>Inputs found by fuzzing (tests/Fuzz, target npy): each failed with a non-reader exception before.</summary>
public sealed class NpyReaderFuzzFindingTests
{
    private static InvalidDataException Rejects(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => NpyReader.ReadMatrix(new MemoryStream(bytes)));

    [Theory]
    [InlineData("(-2, 3)")]                  // was OverflowException (negative array size)
    [InlineData("(2, x)")]                   // was FormatException from long.Parse
    [InlineData("(99999999999999999999, 1)")] // was OverflowException from long.Parse
    [InlineData("(4000000000, 4000000000)")] // the product overflowed long
    public void A_shape_that_is_not_sizes_is_a_clear_error(string shape)
    {
        var e = Rejects(NpyReaderTests.Npy("<f4", shape, new byte[8]));
        Assert.Matches("shape|too large", e.Message);
    }

    [Fact]
    public void A_huge_shape_in_a_small_file_is_refused_before_allocating()
    {
        var bytes = NpyReaderTests.Npy("<f8", "(100000, 5000)", new byte[16]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Rejects(bytes);
        Assert.Contains("truncated", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the reader allocated the whole promised array");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_file_that_ends_inside_the_header_length_is_truncated(byte version)
    {
        byte[] bytes = [0x93, .. "NUMPY"u8, version, 0, 0x10]; // was EndOfStreamException
        Assert.Contains("truncated", Rejects(bytes).Message);
    }

    [Fact]
    public void An_implausible_version_2_header_length_is_a_clear_error()
    {
        byte[] bytes = [0x93, .. "NUMPY"u8, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, .. Encoding.ASCII.GetBytes("{}")]; // was OverflowException
        Assert.Contains("header", Rejects(bytes).Message);
    }
}

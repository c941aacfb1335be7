using System.Runtime.InteropServices;
using System.Text;
using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Tests.Brain;

public sealed class NpyReaderTests
{
    /// <summary>Bytes laid out as numpy.save writes them (version 1.0, header padded to 64 bytes).</summary>
    internal static byte[] Npy(string descr, string shape, ReadOnlySpan<byte> body, bool fortran = false, byte version = 1)
    {
        var header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        var prefix = version == 1 ? 10 : 12;
        header = header.PadRight(header.Length + (64 - (prefix + header.Length + 1) % 64) % 64) + "\n";
        var ms = new MemoryStream();
        ms.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', version, 0 });
        ms.Write(version == 1 ? BitConverter.GetBytes((ushort)header.Length) : BitConverter.GetBytes((uint)header.Length));
        ms.Write(Encoding.ASCII.GetBytes(header));
        ms.Write(body);
        return ms.ToArray();
    }

    private static FloatMatrix Read(byte[] bytes) => NpyReader.ReadMatrix(new MemoryStream(bytes));

    [Fact]
    public void Reads_float32_c_order()
    {
        var m = Read(Npy("<f4", "(2, 3)", MemoryMarshal.AsBytes(new float[] { 1, 2, 3, 4, 5, 6 }.AsSpan())));
        Assert.Equal((2, 3), (m.Rows, m.Columns));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, m.Data);
    }

    [Fact]
    public void Reads_float64_version_2_and_fortran_order()
    {
        var m = Read(Npy("<f8", "(2, 3)", MemoryMarshal.AsBytes(new double[] { 1, 4, 2, 5, 3, 6.5 }.AsSpan()), fortran: true, version: 2));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6.5f }, m.Data);
    }

    [Theory]
    [InlineData("<f4", "(6,)", 24, "2-D")]
    [InlineData("<f4", "(1, 2, 3)", 24, "2-D")]
    [InlineData("<i4", "(2, 3)", 24, "dtype '<i4'")]
    [InlineData(">f4", "(2, 3)", 24, "dtype '>f4'")]
    [InlineData("<f4", "(2, 3)", 20, "truncated")]
    [InlineData("<f4", "(2, 3)", 28, "more data")]
    public void Wrong_content_is_a_clear_error(string descr, string shape, int bodyBytes, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(Npy(descr, shape, new byte[bodyBytes])));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Not_an_npy_file_says_so()
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(Encoding.ASCII.GetBytes("id,x\n1,2\n")));
        Assert.Contains("not a NumPy .npy file", e.Message);
    }

    [Fact]
    public void File_errors_name_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fo-npy-{Guid.NewGuid():N}.npy");
        File.WriteAllBytes(path, Npy("<f4", "(3,)", new byte[12]));
        try { Assert.Contains(path, Assert.Throws<InvalidDataException>(() => NpyReader.ReadMatrix(path)).Message); }
        finally { File.Delete(path); }
    }
}

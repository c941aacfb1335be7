using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace FiftyOneBrain.Formats;

/// <summary>A row-major float32 matrix read from a file.</summary>
public sealed record FloatMatrix(float[] Data, int Rows, int Columns);

/// <summary>
/// Reads a NumPy .npy file (format versions 1-3) holding a 2-D float32 or float64 array, C or Fortran order,
/// little-endian, as written by numpy.save. float64 values are narrowed to float32. Any other content
/// (other dtypes, 1-D or 3-D shapes, a truncated body) is an <see cref="InvalidDataException"/> saying what was found.
/// </summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>numpy itself refuses headers over 10,000 bytes by default; allow far more, but not gigabytes.</summary>
    private const int MaxHeaderLength = 1 << 20;

    public static FloatMatrix ReadMatrix(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        try { return ReadMatrix(stream); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    public static FloatMatrix ReadMatrix(Stream stream)
    {
        var (descr, fortran, shape) = ReadHeader(stream);
        if (shape.Length != 2)
            throw new InvalidDataException($"expected a 2-D array (samples x dimensions), found shape ({string.Join(", ", shape)}).");
        var (rows, columns) = (shape[0], shape[1]);
        if (rows > Array.MaxLength || columns > Array.MaxLength || rows * columns > Array.MaxLength) throw new InvalidDataException($"a {rows} x {columns} array is too large to load.");
        var elementSize = descr switch
        {
            "<f4" or "=f4" or "|f4" => 4,
            "<f8" or "=f8" or "|f8" => 8,
            _ => throw new InvalidDataException($"expected little-endian float32 ('<f4') or float64 ('<f8') values, found dtype '{descr}'."),
        };
        // A damaged header must not make a small file allocate gigabytes.
        if (stream.CanSeek && rows * columns * elementSize > stream.Length - stream.Position)
            throw new InvalidDataException($"the data is truncated: the header promises {rows * columns} values.");
        var data = new float[rows * columns];
        ReadBody(stream, data, elementSize);
        if (stream.ReadByte() >= 0) throw new InvalidDataException("the file has more data than its header's shape says.");
        return new FloatMatrix(fortran ? Transpose(data, (int)rows, (int)columns) : data, (int)rows, (int)columns);
    }

    private static (string Descr, bool Fortran, long[] Shape) ReadHeader(Stream stream)
    {
        Span<byte> preamble = stackalloc byte[8];
        if (stream.ReadAtLeast(preamble, 8, throwOnEndOfStream: false) < 8 || !preamble[..6].SequenceEqual(Magic))
            throw new InvalidDataException("not a NumPy .npy file (no \\x93NUMPY magic).");
        var major = preamble[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            if (stream.ReadAtLeast(len, 2, throwOnEndOfStream: false) < 2) throw new InvalidDataException("the header is truncated.");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            if (stream.ReadAtLeast(len, 4, throwOnEndOfStream: false) < 4) throw new InvalidDataException("the header is truncated.");
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(len);
            if (declared > MaxHeaderLength) throw new InvalidDataException($"the header length {declared} is implausible.");
            headerLength = (int)declared;
        }
        else throw new InvalidDataException($"unsupported .npy format version {major}.");

        var header = new byte[headerLength];
        if (stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false) < headerLength)
            throw new InvalidDataException("the header is truncated.");
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);

        var descr = DescrPattern().Match(text);
        var fortran = FortranPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new InvalidDataException($"cannot read the header '{text.Trim()}'.");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => long.TryParse(v.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size
                : throw new InvalidDataException($"the shape ({shape.Groups[1].Value}) is not a list of sizes.")).ToArray();
        return (descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims);
    }

    private static void ReadBody(Stream stream, float[] data, int elementSize)
    {
        const int chunkElements = 1 << 20;
        var buffer = elementSize == 8 ? new byte[chunkElements * 8] : null;
        for (long start = 0; start < data.Length; start += chunkElements)
        {
            var count = (int)Math.Min(chunkElements, data.Length - start);
            var target = data.AsSpan((int)start, count);
            var bytes = elementSize == 4 ? MemoryMarshal.AsBytes(target) : buffer.AsSpan(0, count * 8);
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
                throw new InvalidDataException($"the data is truncated: the header promises {data.Length} values.");
            if (elementSize == 8)
            {
                var doubles = MemoryMarshal.Cast<byte, double>(bytes);
                for (var i = 0; i < count; i++) target[i] = (float)doubles[i];
            }
        }
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Reading .npy needs a little-endian machine.");
    }

    private static float[] Transpose(float[] columnMajor, int rows, int columns)
    {
        var result = new float[columnMajor.Length];
        for (var c = 0; c < columns; c++)
            for (var r = 0; r < rows; r++) result[(long)r * columns + c] = columnMajor[(long)c * rows + r];
        return result;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

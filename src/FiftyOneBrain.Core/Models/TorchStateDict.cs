using System.Text;

namespace FiftyOneBrain.Models;

/// <summary>One tensor of a state dict: its shape and, for float32 tensors, its values (row-major).</summary>
public sealed record StateTensor(long[] Shape, float[]? Values);

/// <summary>
/// Reads TorchSharp's state-dict stream (Module.save) without libtorch: an LEB128 entry count, then per entry the
/// name (a .NET BinaryWriter string) and the tensor: LEB128 dtype (libtorch's ScalarType), LEB128 rank, LEB128
/// sizes, then the raw little-endian element bytes. float32 tensors are kept; int64 ones (batch-norm batch
/// counters) are read past with their shape only.
/// </summary>
public static class TorchStateDict
{
    private const int Int64Type = 4, Float32Type = 6; // c10::ScalarType Long, Float
    private const int MaxEntries = 4096, MaxRank = 8;
    private const long MaxElements = 1L << 28;

    /// <exception cref="InvalidDataException">The stream is not a state dict this reader knows, or is truncated.</exception>
    public static IReadOnlyDictionary<string, StateTensor> Read(Stream stream, string path)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var count = Leb128(reader);
            if (count > MaxEntries) throw new InvalidDataException($"Model weights list {count} tensors: {path}");
            var entries = new Dictionary<string, StateTensor>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                if (!entries.TryAdd(name, ReadTensor(reader, name, path)))
                    throw new InvalidDataException($"Model weights hold '{name}' twice: {path}");
            }
            return entries;
        }
        catch (EndOfStreamException e) { throw new InvalidDataException($"Model weights are truncated: {path}", e); }
        catch (FormatException e) { throw new InvalidDataException($"Model weights are damaged ({e.Message}): {path}", e); }
        catch (IOException e) when (e is not FileNotFoundException) { throw new InvalidDataException($"Model weights are damaged ({e.Message}): {path}", e); }
    }

    private static StateTensor ReadTensor(BinaryReader reader, string name, string path)
    {
        var type = Leb128(reader);
        var rank = Leb128(reader);
        if (rank > MaxRank) throw new InvalidDataException($"Model weight '{name}' has rank {rank}: {path}");
        var shape = new long[rank];
        var elements = 1L;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = Leb128(reader);
            elements *= Math.Max(shape[d], 1);
            if (elements > MaxElements) throw new InvalidDataException($"Model weight '{name}' is too large: {path}");
        }
        if (shape.Any(s => s == 0)) elements = 0;
        var elementSize = type == Int64Type ? 8 : 4;
        if (reader.BaseStream.CanSeek && elements * elementSize > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new EndOfStreamException();
        switch (type)
        {
            case Float32Type:
                var values = new float[elements];
                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
                if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
                    throw new EndOfStreamException();
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Model weights are little-endian.");
                return new StateTensor(shape, values);
            case Int64Type:
                var skip = new byte[elements * 8];
                if (reader.BaseStream.ReadAtLeast(skip, skip.Length, throwOnEndOfStream: false) != skip.Length)
                    throw new EndOfStreamException();
                return new StateTensor(shape, null);
            default:
                throw new InvalidDataException($"Model weight '{name}' has element type {type}; float32 weights are expected: {path}");
        }
    }

    /// <summary>TorchSharp's LEB128 (unsigned, at most 9 groups of 7 bits for a non-negative long).</summary>
    private static long Leb128(BinaryReader reader)
    {
        long result = 0;
        for (var i = 0; ; i++)
        {
            if (i > 8) throw new FormatException("a length runs past 63 bits");
            var b = reader.ReadByte();
            result |= (long)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) return result;
        }
    }
}

using System.Buffers.Binary;
using System.Text;

namespace FiftyOneBrain.Models.Onnx.Writing;

/// <summary>
/// Protocol Buffers wire encoding, only what an ONNX model needs: varints, 32-bit floats, length-delimited
/// strings, bytes, packed int64 lists and nested messages. Fields are written in the order they are called.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed32 = 5, LengthDelimited = 2;
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public ProtoWriter Int64(int field, long value)
    {
        Tag(field, Varint);
        Raw((ulong)value); // negative int64 values take ten bytes, as protobuf's int64 does
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        Raw((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter PackedInt64(int field, IEnumerable<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var v in values) packed.Raw((ulong)v);
        return Bytes(field, packed._buffer.GetBuffer().AsSpan(0, (int)packed._buffer.Length));
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        return Bytes(field, nested._buffer.GetBuffer().AsSpan(0, (int)nested._buffer.Length));
    }

    private void Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

    private void Raw(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}

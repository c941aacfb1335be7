using FiftyOneBrain.Brain;
using FiftyOneBrain.Models.Onnx.Writing;

namespace FiftyOneBrain.Tests.Models;

public sealed class OnnxModelWriterTests
{
    [Fact]
    public void Protobuf_fields_have_the_wire_encoding()
    {
        // field 1 varint 300: tag 0x08, then 300 = 0b10_0101100 -> 0xAC 0x02
        Assert.Equal(new byte[] { 0x08, 0xAC, 0x02 }, new ProtoWriter().Int64(1, 300).ToArray());
        // field 2 string "hi": tag 0x12, length 2
        Assert.Equal(new byte[] { 0x12, 0x02, (byte)'h', (byte)'i' }, new ProtoWriter().String(2, "hi").ToArray());
        // field 2 float 1.0: tag 0x15, little-endian 0x3F800000
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, new ProtoWriter().Float(2, 1f).ToArray());
        // field 8 packed [1, 128]: tag 0x42, length 3, 0x01, 0x80 0x01
        Assert.Equal(new byte[] { 0x42, 0x03, 0x01, 0x80, 0x01 }, new ProtoWriter().PackedInt64(8, [1, 128]).ToArray());
        // nested message field 7 holding field 1 = 1
        Assert.Equal(new byte[] { 0x3A, 0x02, 0x08, 0x01 }, new ProtoWriter().Message(7, m => m.Int64(1, 1)).ToArray());
    }

    [Fact]
    public void Tile_product_is_rows_times_columns_transposed()
    {
        // rows [[1,2,3],[4,5,6]], columns [[1,0,1],[0,1,0],[2,2,2]] -> [[4,2,12],[10,5,30]]
        float[] rows = [1, 2, 3, 4, 5, 6];
        float[] columns = [1, 0, 1, 0, 1, 0, 2, 2, 2];
        var tile = new float[6];
        using var product = new OnnxTileProduct(threads: 1);
        product.Multiply(rows, 2, columns, 3, 3, tile);
        Assert.Equal(new float[] { 4, 2, 12, 10, 5, 30 }, tile);
        // Same buffers again, then another shape over the same memory: the kept views follow.
        rows[0] = 0;
        product.Multiply(rows, 2, columns, 3, 3, tile);
        Assert.Equal(new float[] { 3, 2, 10, 10, 5, 30 }, tile);
        product.Multiply(rows, 1, columns, 2, 3, tile);
        Assert.Equal(new float[] { 3, 2 }, tile[..2]);
    }
}

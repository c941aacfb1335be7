using System.Runtime.InteropServices;
using FiftyOneBrain.Brain;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The tile product the exact kNN used before ONNX Runtime: one libtorch addmm into kept tensors. The blocks are
/// copied in and the tile out (TorchSharp makes no tensor over foreign memory); the old scan wrote the blocks
/// straight into the tensors, so this is a little slower than it was (three memcpy per tile).
/// </summary>
internal sealed class TorchTileProduct : ITileProduct
{
    private Tensor? _rows, _columns, _tile;

    public void Multiply(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> columns, int columnCount, int width, Span<float> tile)
    {
        if (_tile is null || _rows!.shape[0] != rowCount || _columns!.shape[0] != columnCount || _rows.shape[1] != width)
        {
            Dispose();
            _rows = empty(rowCount, width, ScalarType.Float32);
            _columns = empty(columnCount, width, ScalarType.Float32);
            _tile = empty(rowCount, columnCount, ScalarType.Float32);
        }
        rows[..(rowCount * width)].CopyTo(MemoryMarshal.Cast<byte, float>(_rows.bytes));
        columns[..(columnCount * width)].CopyTo(MemoryMarshal.Cast<byte, float>(_columns!.bytes));
        using var transposed = _columns.t();
        _tile.addmm_(_rows, transposed, 0f, 1f);
        MemoryMarshal.Cast<byte, float>(_tile.bytes).CopyTo(tile);
    }

    public void Dispose()
    {
        _rows?.Dispose();
        _columns?.Dispose();
        _tile?.Dispose();
        _rows = _columns = _tile = null;
    }
}

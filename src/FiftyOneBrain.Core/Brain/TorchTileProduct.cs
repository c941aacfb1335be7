using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace FiftyOneBrain.Brain;

/// <summary>
/// <see cref="ITileProduct"/> on libtorch: one float32 addmm (multi-threaded BLAS) per tile. The blocks are copied
/// into tensors kept for the whole scan, so the caller's buffers need not be pinned. libtorch loads on first use.
/// </summary>
internal sealed unsafe class TorchTileProduct : ITileProduct
{
    private readonly DisposeScope _scope = NewDisposeScope();
    private Tensor? _rows, _columns, _tile;

    public void Multiply(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> columns, int columnCount, int width, Span<float> tile)
    {
        if (rowCount < 1 || columnCount < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(rowCount), "A tile needs at least one row, column and value.");
        if (rows.Length < rowCount * width || columns.Length < columnCount * width || tile.Length < rowCount * columnCount)
            throw new ArgumentException("A block or the tile is shorter than its shape.");
        _rows = Reuse(_rows, rowCount, width);
        _columns = Reuse(_columns, columnCount, width);
        _tile = Reuse(_tile, rowCount, columnCount);
        rows[..(rowCount * width)].CopyTo(Values(_rows));
        columns[..(columnCount * width)].CopyTo(Values(_columns));
        _tile.addmm_(_rows, _columns.t(), 0f, 1f);
        Values(_tile).CopyTo(tile);
    }

    public void Dispose() => _scope.Dispose();

    private static Tensor Reuse(Tensor? tensor, int rows, int columns) =>
        tensor is not null && tensor.shape[0] == rows && tensor.shape[1] == columns ? tensor : empty(rows, columns, ScalarType.Float32);

    private static Span<float> Values(Tensor t) =>
        new((void*)(IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes)), (int)t.numel());
}

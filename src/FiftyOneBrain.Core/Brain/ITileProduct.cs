namespace FiftyOneBrain.Brain;

/// <summary>
/// The one dense product of the blocked all-pairs scans (kNN, radius pairs): tile = rows · columnsᵀ for row-major
/// float32 blocks. The scans own the blocks and call this once per tile, so the product is the only part that needs
/// a BLAS-class kernel; implementations may keep native buffers between calls. One instance serves one scan at a time.
/// </summary>
internal interface ITileProduct : IDisposable
{
    /// <param name="rows">rowCount × width values, row-major.</param>
    /// <param name="rowCount">Rows in this tile.</param>
    /// <param name="columns">columnCount × width values, row-major.</param>
    /// <param name="columnCount">Columns in this tile.</param>
    /// <param name="width">Values per row of both blocks.</param>
    /// <param name="tile">Receives rowCount × columnCount dot products, row-major (row r at r × columnCount).</param>
    void Multiply(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> columns, int columnCount, int width, Span<float> tile);
}

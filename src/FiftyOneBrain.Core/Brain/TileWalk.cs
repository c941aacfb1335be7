namespace FiftyOneBrain.Brain;

/// <summary>
/// The blocked all-pairs walk the neighbour scans share (kNN, radius pairs): embeddings are centred and laid out so
/// that one tile product gives a similarity (larger = closer), and only tiles on or above the diagonal are computed,
/// since similarity is symmetric. Memory: two blocks and one tile, O(block² + block·width), whatever N is.
/// The product is an <see cref="ITileProduct"/> so the walk does not depend on which BLAS-class kernel runs it.
/// </summary>
internal static unsafe class TileWalk
{
    /// <summary>
    /// Scans one tile: <paramref name="tile"/> holds rows × columns similarities at row stride <paramref name="stride"/>,
    /// tile row r is sample firstRow + r and tile column c is sample firstColumn + c; on the diagonal both are the same block.
    /// </summary>
    public delegate void TileScanner(float* tile, int stride, int rows, int columns, int firstRow, int firstColumn, bool diagonal);

    /// <summary>How the scans build the product: ONNX Runtime's sgemm (faster here than libtorch's, and on every platform the module ships for).</summary>
    public static Func<ITileProduct> DefaultProduct { get; } = () => new OnnxTileProduct();

    public static void Run(float[] embeddings, int n, int d, DistanceMetric metric, double[] mean, double scale, KnnOptions options,
        Func<ITileProduct> newProduct, TileScanner scan)
    {
        var block = Math.Min(options.BlockSize, n);
        var blocks = (n + block - 1) / block;
        var tiles = (long)blocks * (blocks + 1) / 2;
        var width = metric == DistanceMetric.Euclidean ? d + 2 : d;
        using var product = newProduct();
        // Pinned, so a product may keep views of them between tiles.
        var rowsBlock = GC.AllocateUninitializedArray<float>(block * width, pinned: true);
        var columnsBlock = GC.AllocateUninitializedArray<float>(block * width, pinned: true);
        var tileValues = GC.AllocateUninitializedArray<float>(block * block, pinned: true);
        var done = 0L;
        for (var bi = 0; bi < blocks; bi++)
        {
            var r0 = bi * block;
            var rows = Math.Min(block, n - r0);
            Prepare(embeddings, d, metric, mean, scale, r0, rows, rowsBlock, width, asRows: true);
            for (var bj = bi; bj < blocks; bj++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                var c0 = bj * block;
                var columns = Math.Min(block, n - c0);
                Prepare(embeddings, d, metric, mean, scale, c0, columns, columnsBlock, width, asRows: false);
                product.Multiply(rowsBlock, block, columnsBlock, block, width, tileValues);
                fixed (float* tile = tileValues) scan(tile, block, rows, columns, r0, c0, bi == bj);
                options.Progress?.Invoke(++done, tiles);
            }
        }
    }

    /// <summary>
    /// Writes rows [first, first+rows) into a block (width values per row) so that one product gives a similarity:
    /// cosine: unit centred vectors, so the product is cos; euclidean: [2x, -|x|^2, 1] against [y, 1, -|y|^2], so the
    /// product is 2x.y - |x|^2 - |y|^2 = -|x - y|^2, with x and y multiplied by <paramref name="scale"/> (see
    /// <see cref="ExactKnn.EuclideanScale"/>). Centring is done in double. Rows past the data are zeroed.
    /// </summary>
    private static void Prepare(float[] embeddings, int d, DistanceMetric metric, double[] mean, double scale, int first, int rows, float[] target, int width, bool asRows)
    {
        var capacity = target.Length / width;
        target.AsSpan(rows * width, (capacity - rows) * width).Clear();
        Parallel.For(0, rows, r =>
        {
            var src = embeddings.AsSpan((int)((long)(first + r) * d), d);
            var row = target.AsSpan(r * width, width);
            var squared = 0.0;
            for (var t = 0; t < d; t++)
            {
                var v = (src[t] - mean[t]) * scale;
                squared += v * v;
            }
            if (metric == DistanceMetric.Cosine)
            {
                var unit = squared > 0 ? 1.0 / Math.Sqrt(squared) : 0.0;
                for (var t = 0; t < d; t++) row[t] = (float)((src[t] - mean[t]) * unit);
                return;
            }
            var factor = asRows ? 2.0 * scale : scale;
            for (var t = 0; t < d; t++) row[t] = (float)((src[t] - mean[t]) * factor);
            row[d] = asRows ? (float)-squared : 1f;
            row[d + 1] = asRows ? 1f : (float)-squared;
        });
    }
}

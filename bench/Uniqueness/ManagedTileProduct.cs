using System.Numerics.Tensors;
using FiftyOneBrain.Brain;

/// <summary>
/// A managed peer for the tile product: one SIMD dot product (System.Numerics.Tensors, Vector256/512 inside) per
/// pair, rows split across cores. No blocking for cache, so it shows what a BLAS kernel buys.
/// </summary>
internal sealed class ManagedTileProduct : ITileProduct
{
    public unsafe void Multiply(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> columns, int columnCount, int width, Span<float> tile)
    {
        fixed (float* r = rows, c = columns, t = tile)
        {
            var (rp, cp, tp) = ((IntPtr)r, (IntPtr)c, (IntPtr)t);
            Parallel.For(0, rowCount, i =>
            {
                var row = new ReadOnlySpan<float>((float*)rp + (long)i * width, width);
                var output = new Span<float>((float*)tp + (long)i * columnCount, columnCount);
                for (var j = 0; j < columnCount; j++)
                    output[j] = TensorPrimitives.Dot(row, new ReadOnlySpan<float>((float*)cp + (long)j * width, width));
            });
        }
    }

    public void Dispose() { }
}

namespace FiftyOneBrain.Brain;

/// <summary>
/// Exact k-nearest-neighbour search over all pairs, in blocks: memory is O(N*k + block^2), never N x N.
/// The embeddings are centred (mean subtracted). The blocked walk is <see cref="TileWalk"/> (one float32 product per
/// tile, only tiles on or above the diagonal); each tile is scanned twice in parallel threads, its rows for the row block and its columns for the column block.
/// A few extra float32 candidates per sample are kept and re-ranked with distances recomputed in double, so
/// float32 rounding cannot reorder near-ties and an exact duplicate is at distance exactly 0.
/// </summary>
public static unsafe class ExactKnn
{
    /// <summary>Extra float32 candidates kept beyond k for the double-precision re-ranking.</summary>
    internal const int RerankMargin = 5;

    public static KnnResult Search(float[] embeddings, int count, int dimension, int k, DistanceMetric metric, KnnOptions? options = null) =>
        Search(embeddings, count, dimension, k, metric, options, TileWalk.DefaultProduct);

    /// <summary>The search with another tile product (tests and benchmarks compare kernels on the same walk).</summary>
    internal static KnnResult Search(float[] embeddings, int count, int dimension, int k, DistanceMetric metric, KnnOptions? options, Func<ITileProduct> newProduct)
    {
        options ??= new KnnOptions();
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "Neighbours need at least two samples.");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Embeddings need at least one dimension.");
        if ((long)count * dimension != embeddings.Length) throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        if (k < 1 || k > count - 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {count - 1}.");
        if (options.BlockSize < 8) throw new ArgumentOutOfRangeException(nameof(options), options.BlockSize, "The block size must be at least 8.");

        var mean = Mean(embeddings, count, dimension);
        var scale = metric == DistanceMetric.Euclidean ? EuclideanScale(embeddings, count, dimension, mean) : 1.0;
        var candidates = new NeighborCandidates(count, Math.Min(k + RerankMargin, count - 1));
        TileWalk.Run(embeddings, count, dimension, metric, mean, scale, options, newProduct,
            (tile, stride, rows, columns, r0, c0, diagonal) => ScanTile(tile, stride, rows, columns, r0, c0, diagonal, candidates));
        return Rerank(embeddings, count, dimension, k, metric, mean, candidates);
    }

    /// <summary>Both halves of a tile in parallel: rows feed the row block, columns the column block (disjoint rows off the diagonal).</summary>
    private static void ScanTile(float* tile, int stride, int rows, int columns, int r0, int c0, bool diagonal, NeighborCandidates candidates)
    {
        var parts = Math.Max(2, Environment.ProcessorCount) * 2;
        var rowChunk = (rows + parts - 1) / parts;
        var columnChunk = ((columns + parts - 1) / parts + 7) / 8 * 8;
        var jobs = diagonal ? parts : 2 * parts;
        Parallel.For(0, jobs, job =>
        {
            if (job < parts)
            {
                var from = job * rowChunk;
                var to = Math.Min(rows, from + rowChunk);
                if (from < to) candidates.ScanRows(tile, stride, from, to, columns, r0, c0);
            }
            else
            {
                var from = (job - parts) * columnChunk;
                var to = Math.Min(columns, from + columnChunk);
                if (from < to) candidates.ScanColumns(tile, stride, from, to, rows, r0, c0);
            }
        });
    }

    /// <summary>
    /// A power of two that brings the largest centred norm into [0.5, 1): squared distances of embeddings beyond
    /// ~1e19 overflow float32 and the scan would see no order at all. Multiplying by a power of two is exact in
    /// float32, so for ordinary embeddings the scan's similarities are the unscaled ones times scale^2, same order.
    /// </summary>
    internal static double EuclideanScale(float[] embeddings, int n, int d, double[] mean)
    {
        var largest = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = embeddings.AsSpan((int)((long)i * d), d);
            var squared = 0.0;
            for (var t = 0; t < d; t++)
            {
                var v = row[t] - mean[t];
                squared += v * v;
            }
            largest = Math.Max(largest, squared);
        }
        return largest > 0 && double.IsFinite(largest) ? Math.ScaleB(1.0, -Math.ILogB(Math.Sqrt(largest)) - 1) : 1.0;
    }

    private static KnnResult Rerank(float[] embeddings, int n, int d, int k, DistanceMetric metric, double[] mean, NeighborCandidates candidates)
    {
        var indices = new int[(long)n * k];
        var distances = new double[(long)n * k];
        Parallel.For(0, n, () => (new double[d], new double[d], new List<(double, int)>(candidates.Capacity)), (i, _, buffers) =>
        {
            var (a, b, list) = buffers;
            list.Clear();
            var ownNorm = Centred(embeddings, d, mean, i, a);
            foreach (var j in candidates.IndicesOf(i))
            {
                if (j < 0) continue;
                var norm = Centred(embeddings, d, mean, j, b);
                list.Add((Distance(a, ownNorm, b, norm, metric), j));
            }
            list.Sort();
            for (var m = 0; m < k; m++)
            {
                indices[(long)i * k + m] = list[m].Item2;
                distances[(long)i * k + m] = list[m].Item1;
            }
            return buffers;
        }, _ => { });
        return new KnnResult(n, k, indices, distances);
    }

    /// <summary>Row <paramref name="row"/> minus the mean, in double, into <paramref name="into"/>; returns its norm.</summary>
    internal static double Centred(float[] embeddings, int d, double[] mean, int row, double[] into)
    {
        var src = embeddings.AsSpan((int)((long)row * d), d);
        var squared = 0.0;
        for (var t = 0; t < d; t++)
        {
            into[t] = src[t] - mean[t];
            squared += into[t] * into[t];
        }
        return Math.Sqrt(squared);
    }

    /// <summary>Distances in double: cosine as |a/|a| - b/|b||^2 / 2 (= 1 - cos, exact 0 for equal directions), euclidean as |a - b|.</summary>
    internal static double Distance(ReadOnlySpan<double> a, double normA, ReadOnlySpan<double> b, double normB, DistanceMetric metric)
    {
        var sum = 0.0;
        if (metric == DistanceMetric.Euclidean)
        {
            for (var t = 0; t < a.Length; t++)
            {
                var diff = a[t] - b[t];
                sum += diff * diff;
            }
            return Math.Sqrt(sum);
        }
        if (normA == 0 || normB == 0) return 1.0;
        for (var t = 0; t < a.Length; t++)
        {
            var diff = a[t] / normA - b[t] / normB;
            sum += diff * diff;
        }
        return Math.Min(sum / 2.0, 2.0);
    }

    /// <summary>Column means in double, summed in fixed chunks and combined in order so the result does not depend on threading.</summary>
    internal static double[] Mean(float[] embeddings, int n, int d)
    {
        const int chunk = 4096;
        var chunks = (n + chunk - 1) / chunk;
        var partials = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var sum = new double[d];
            for (var i = c * chunk; i < Math.Min(n, (c + 1) * chunk); i++)
            {
                var row = embeddings.AsSpan((int)((long)i * d), d);
                for (var t = 0; t < d; t++) sum[t] += row[t];
            }
            partials[c] = sum;
        });
        var mean = new double[d];
        foreach (var p in partials) for (var t = 0; t < d; t++) mean[t] += p[t];
        for (var t = 0; t < d; t++) mean[t] /= n;
        return mean;
    }

}

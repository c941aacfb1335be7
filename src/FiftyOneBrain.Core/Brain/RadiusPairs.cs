using System.Numerics;
using System.Runtime.Intrinsics;

namespace FiftyOneBrain.Brain;

/// <summary>
/// All pairs of samples within a distance threshold (inclusive, as scikit-learn's radius_neighbors), on the shared
/// blocked walk (<see cref="TileWalk"/>): memory is the tiles plus the pairs found, never N x N. A tile value is a
/// float32 similarity; every pair a little past the threshold in float32 is a candidate, and candidates are decided
/// with the distance recomputed in double, so the result does not depend on float32 rounding.
/// Pairs come back sorted by (First, Second).
/// </summary>
public static unsafe class RadiusPairs
{
    /// <summary>How far past the threshold, in similarity units, a float32 value is still re-checked in double.</summary>
    internal const float CandidateMargin = 1e-3f;

    public static List<NeighborPair> Find(float[] embeddings, int count, int dimension, double threshold, DistanceMetric metric, KnnOptions? options = null) =>
        Find(embeddings, count, dimension, threshold, metric, options, TileWalk.DefaultProduct);

    internal static List<NeighborPair> Find(float[] embeddings, int count, int dimension, double threshold, DistanceMetric metric, KnnOptions? options,
        Func<ITileProduct> newProduct)
    {
        options ??= new KnnOptions();
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Embeddings need at least one dimension.");
        if (count < 0 || (long)count * dimension != embeddings.Length) throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        if (!(threshold >= 0) || double.IsInfinity(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite distance of 0 or more.");
        if (options.BlockSize < 8) throw new ArgumentOutOfRangeException(nameof(options), options.BlockSize, "The block size must be at least 8.");
        if (count < 2) return new List<NeighborPair>();

        var mean = ExactKnn.Mean(embeddings, count, dimension);
        var scale = metric == DistanceMetric.Euclidean ? ExactKnn.EuclideanScale(embeddings, count, dimension, mean) : 1.0;
        // The tile holds cos (cosine) or -scale²·|x - y|² (euclidean); a pair is a candidate at or above this.
        var floor = metric == DistanceMetric.Cosine
            ? (float)(1.0 - threshold) - CandidateMargin
            : (float)(-(threshold * scale) * (threshold * scale)) - CandidateMargin;
        var candidates = new List<long>();
        var gate = new object();
        TileWalk.Run(embeddings, count, dimension, metric, mean, scale, options, newProduct,
            (tile, stride, rows, columns, r0, c0, diagonal) => ScanTile(tile, stride, rows, columns, r0, c0, diagonal, floor, candidates, gate));
        return Decide(embeddings, dimension, threshold, metric, mean, candidates, options.Cancellation);
    }

    private static void ScanTile(float* tile, int stride, int rows, int columns, int r0, int c0, bool diagonal, float floor, List<long> into, object gate)
    {
        var parts = Math.Max(2, Environment.ProcessorCount) * 4;
        var chunk = (rows + parts - 1) / parts;
        Parallel.For(0, parts, part =>
        {
            List<long>? found = null;
            var limit = Vector256.Create(floor);
            for (var r = part * chunk; r < Math.Min(rows, (part + 1) * chunk); r++)
            {
                var p = tile + (long)r * stride;
                var c = diagonal ? r + 1 : 0;
                for (; c + 8 <= columns; c += 8)
                {
                    var mask = Vector256.GreaterThanOrEqual(Vector256.Load(p + c), limit).ExtractMostSignificantBits();
                    while (mask != 0)
                    {
                        var lane = BitOperations.TrailingZeroCount(mask);
                        mask &= mask - 1;
                        (found ??= new List<long>()).Add(Pack(r0 + r, c0 + c + lane));
                    }
                }
                for (; c < columns; c++)
                    if (p[c] >= floor) (found ??= new List<long>()).Add(Pack(r0 + r, c0 + c));
            }
            if (found is null) return;
            lock (gate) into.AddRange(found);
        });
    }

    /// <summary>Keeps the candidates whose double-precision distance is within the threshold, sorted by (First, Second).</summary>
    private static List<NeighborPair> Decide(float[] embeddings, int d, double threshold, DistanceMetric metric, double[] mean, List<long> candidates, CancellationToken cancel)
    {
        candidates.Sort();
        var distances = new double[candidates.Count];
        Parallel.For(0, candidates.Count, new ParallelOptions { CancellationToken = cancel }, () => (new double[d], new double[d]), (m, _, buffers) =>
        {
            var (a, b) = buffers;
            var (i, j) = Unpack(candidates[m]);
            distances[m] = ExactKnn.Distance(a, ExactKnn.Centred(embeddings, d, mean, i, a), b, ExactKnn.Centred(embeddings, d, mean, j, b), metric);
            return buffers;
        }, _ => { });
        var pairs = new List<NeighborPair>();
        for (var m = 0; m < candidates.Count; m++)
        {
            if (!(distances[m] <= threshold)) continue;
            var (i, j) = Unpack(candidates[m]);
            pairs.Add(new NeighborPair(i, j, distances[m]));
        }
        return pairs;
    }

    private static long Pack(int i, int j) => ((long)i << 32) | (uint)j;

    private static (int, int) Unpack(long packed) => ((int)(packed >> 32), (int)(packed & 0xFFFFFFFF));
}

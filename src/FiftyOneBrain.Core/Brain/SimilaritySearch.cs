using System.Numerics.Tensors;

namespace FiftyOneBrain.Brain;

/// <summary>How several query embeddings become one distance per sample.</summary>
public enum SimilarityAggregation
{
    /// <summary>The mean of the sample's distances to each query.</summary>
    MeanDistance,
    /// <summary>The distance to the mean of the queries (FiftyOne's aggregation="mean"): one query vector.</summary>
    MeanEmbedding,
}

/// <summary>Samples in the order a similarity query puts them, with each one's (aggregated) distance.</summary>
public sealed record SimilarityResult(int[] Order, double[] Distances);

/// <summary>
/// Sort by similarity (FiftyOne's sort_by_similarity) by brute force: the embeddings are centred on their mean,
/// each query is compared with every sample by one pass of dot products (a matrix-vector product, SIMD through
/// System.Numerics.Tensors, rows split across cores), then a bounded heap keeps the k nearest (or farthest):
/// O(N·D·queries) time, O(N + k) memory, never N x N. The centred matrix is never materialised: for cosine,
/// (x - m)·q' = x·q' - m·q' and |x - m|² = |x|² - 2x·m + |m|², so 1M x 512 needs no second copy.
/// The distances of the samples returned are recomputed in double, so an exact copy is at distance exactly 0.
/// Ties keep input order.
/// </summary>
public static class SimilaritySearch
{
    public static SimilarityResult Rank(float[] embeddings, int count, int dimension, IReadOnlyList<float[]> queries,
        DistanceMetric metric = DistanceMetric.Cosine, int? k = null, bool reverse = false,
        SimilarityAggregation aggregation = SimilarityAggregation.MeanDistance, ISet<int>? exclude = null,
        CancellationToken cancel = default)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A similarity search needs at least one sample.");
        if (dimension < 1 || (long)count * dimension != embeddings.Length)
            throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        if (queries.Count == 0) throw new ArgumentException("Give at least one query embedding.", nameof(queries));
        foreach (var q in queries)
            if (q.Length != dimension)
                throw new BrainInputException("QueryDimensionMismatch", $"A query embedding has {q.Length} values but the samples' embeddings have {dimension}.");
        if (k is < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");

        var mean = Mean(embeddings, count, dimension);
        var centred = queries.Select(q => Centre(q, mean)).ToList();
        if (aggregation == SimilarityAggregation.MeanEmbedding && centred.Count > 1) centred = new List<double[]> { MeanOf(centred) };
        var distances = Distances(embeddings, count, dimension, centred, mean, metric, cancel);

        var wanted = Math.Min(k ?? count, count - (exclude?.Count(i => i >= 0 && i < count) ?? 0));
        var order = Select(distances, Math.Max(0, wanted), reverse, exclude);
        var exact = new double[order.Length];
        for (var i = 0; i < order.Length; i++)
            exact[i] = ExactDistance(embeddings.AsSpan((int)((long)order[i] * dimension), dimension), centred, mean, metric);
        // The double recomputation can swap float32 near-ties: re-sort the few kept, stable on input order.
        var pairs = order.Zip(exact).OrderBy(p => reverse ? -p.Second : p.Second).ThenBy(p => p.First).ToArray();
        return new SimilarityResult(pairs.Select(p => p.First).ToArray(), pairs.Select(p => p.Second).ToArray());
    }

    /// <summary>The float32 distance of every sample to the queries, aggregated by mean.</summary>
    private static float[] Distances(float[] embeddings, int n, int d, List<double[]> queries, double[] mean, DistanceMetric metric, CancellationToken cancel)
    {
        var qf = queries.Select(q => q.Select(v => (float)v).ToArray()).ToArray();
        var mf = mean.Select(v => (float)v).ToArray();
        var meanSquared = (float)TensorPrimitives.Dot(mean, mean);
        // Terms that do not depend on the row: m·q' and |q'| for cosine; for euclidean |x - q|² = |x|² - 2x·q + |q|² on raw q.
        var raw = queries.Select(q => q.Zip(mean, (a, b) => (float)(a + b)).ToArray()).ToArray();
        var meanDotQuery = queries.Select(q => (float)TensorPrimitives.Dot(q, mean)).ToArray();
        var queryNorm = queries.Select(q => (float)Math.Sqrt(TensorPrimitives.Dot(q, q))).ToArray();
        var rawSquared = raw.Select(q => TensorPrimitives.Dot(q, q)).ToArray();
        var result = new float[n];
        var chunks = Math.Max(1, Environment.ProcessorCount) * 8;
        var chunk = (n + chunks - 1) / chunks;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancel }, c =>
        {
            var from = c * chunk;
            var to = Math.Min(n, from + chunk);
            for (var i = from; i < to; i++)
            {
                var x = new ReadOnlySpan<float>(embeddings, (int)((long)i * d), d);
                var xx = TensorPrimitives.Dot(x, x);
                var sum = 0f;
                if (metric == DistanceMetric.Cosine)
                {
                    var xm = TensorPrimitives.Dot(x, mf);
                    var norm = MathF.Sqrt(MathF.Max(0f, xx - 2f * xm + meanSquared));
                    for (var q = 0; q < qf.Length; q++)
                    {
                        var denominator = norm * queryNorm[q];
                        sum += denominator > 0f ? 1f - (TensorPrimitives.Dot(x, qf[q]) - meanDotQuery[q]) / denominator : 1f;
                    }
                }
                else
                {
                    for (var q = 0; q < raw.Length; q++)
                        sum += MathF.Sqrt(MathF.Max(0f, xx - 2f * TensorPrimitives.Dot(x, raw[q]) + rawSquared[q]));
                }
                result[i] = sum / qf.Length;
            }
        });
        return result;
    }

    /// <summary>The <paramref name="wanted"/> smallest (largest when reversed) distances, by a bounded heap; ties by input order.</summary>
    internal static int[] Select(float[] distances, int wanted, bool reverse, ISet<int>? exclude)
    {
        if (wanted == 0) return Array.Empty<int>();
        // The heap's root is the worst kept: the largest distance (smallest when reversed), the later index on ties.
        var worstFirst = Comparer<(float D, int I)>.Create((a, b) =>
        {
            var byDistance = reverse ? a.D.CompareTo(b.D) : b.D.CompareTo(a.D);
            return byDistance != 0 ? byDistance : b.I.CompareTo(a.I);
        });
        var heap = new PriorityQueue<int, (float, int)>(wanted + 1, worstFirst);
        for (var i = 0; i < distances.Length; i++)
        {
            if (exclude is not null && exclude.Contains(i)) continue;
            var key = (distances[i], i);
            if (heap.Count < wanted) { heap.Enqueue(i, key); continue; }
            heap.TryPeek(out _, out var worst);
            if (worstFirst.Compare(key, worst) > 0) heap.EnqueueDequeue(i, key);
        }
        var kept = new int[heap.Count];
        for (var i = kept.Length - 1; i >= 0; i--) kept[i] = heap.Dequeue();
        return kept;
    }

    private static double ExactDistance(ReadOnlySpan<float> x, List<double[]> queries, double[] mean, DistanceMetric metric)
    {
        var sum = 0.0;
        foreach (var q in queries)
        {
            double dot = 0, xx = 0, qq = 0;
            for (var t = 0; t < x.Length; t++)
            {
                var c = x[t] - mean[t];
                if (metric == DistanceMetric.Cosine) { dot += c * q[t]; xx += c * c; qq += q[t] * q[t]; }
                else { var diff = c - q[t]; xx += diff * diff; }
            }
            sum += metric == DistanceMetric.Euclidean ? Math.Sqrt(xx)
                : xx > 0 && qq > 0 ? Math.Clamp(1 - dot / Math.Sqrt(xx * qq), 0, 2) : 1;
        }
        return sum / queries.Count;
    }

    private static double[] Mean(float[] embeddings, int n, int d)
    {
        var chunks = Math.Max(1, Environment.ProcessorCount) * 4;
        var chunk = (n + chunks - 1) / chunks;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var sums = new double[d];
            var acc = new float[d];
            var from = c * chunk;
            var to = Math.Min(n, from + chunk);
            // float partial sums over short runs, folded into double, keep both speed and accuracy.
            for (var start = from; start < to; start += 256)
            {
                Array.Clear(acc);
                var end = Math.Min(to, start + 256);
                for (var i = start; i < end; i++) TensorPrimitives.Add(acc, new ReadOnlySpan<float>(embeddings, (int)((long)i * d), d), acc);
                for (var t = 0; t < d; t++) sums[t] += acc[t];
            }
            partial[c] = sums;
        });
        var mean = new double[d];
        foreach (var sums in partial)
            for (var t = 0; t < d; t++) mean[t] += sums[t];
        for (var t = 0; t < d; t++) mean[t] /= n;
        return mean;
    }

    private static double[] Centre(float[] query, double[] mean) => query.Select((v, t) => v - mean[t]).ToArray();

    private static double[] MeanOf(List<double[]> vectors) =>
        Enumerable.Range(0, vectors[0].Length).Select(t => vectors.Average(v => v[t])).ToArray();
}

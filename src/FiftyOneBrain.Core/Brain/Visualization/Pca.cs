using System.Numerics;

namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// Exact principal components: the embeddings are centred in double, their d x d covariance (X^T X / (N - 1)) is
/// decomposed with <see cref="SymmetricEigen"/>, and each sample's point is its centred embedding projected on the
/// top components (as scikit-learn's PCA.fit_transform). Each component's sign is fixed so that its largest
/// absolute loading (the first on ties) is positive, so the map does not flip between runs or machines.
/// </summary>
public static class Pca
{
    /// <summary>Covariance is d x d doubles; beyond this the decomposition alone would take minutes.</summary>
    public const int MaxDimension = 4096;

    public static PcaResult Compute(float[] embeddings, int count, int dimension, int components, CancellationToken cancellation = default)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "PCA needs at least one sample.");
        if ((long)count * dimension != embeddings.Length) throw new ArgumentException($"Expected {count} x {dimension} values, got {embeddings.Length}.", nameof(embeddings));
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "At least one component.");
        if (dimension > MaxDimension) throw new BrainInputException("EmbeddingsTooWide", $"PCA here handles embeddings of up to {MaxDimension} dimensions; these have {dimension}.");
        var mean = ExactKnn.Mean(embeddings, count, dimension);
        var centred = Centre(embeddings, count, dimension, mean);
        cancellation.ThrowIfCancellationRequested();
        var covariance = Covariance(centred, count, dimension, cancellation);
        var (values, vectors) = SymmetricEigen.Decompose(covariance, dimension);
        var kept = Math.Min(components, dimension);
        var axes = new double[kept * dimension];
        var variances = new double[kept];
        for (var c = 0; c < kept; c++)
        {
            var column = dimension - 1 - c; // descending variance
            variances[c] = Math.Max(0, values[column]);
            for (var t = 0; t < dimension; t++) axes[c * dimension + t] = vectors[(long)t * dimension + column];
            FixSign(axes.AsSpan(c * dimension, dimension));
        }
        var points = new double[(long)count * components]; // components past the dimension stay 0
        Parallel.For(0, count, i =>
        {
            var row = centred.AsSpan((int)((long)i * dimension), dimension);
            for (var c = 0; c < kept; c++)
            {
                var axis = axes.AsSpan(c * dimension, dimension);
                var dot = 0.0;
                for (var t = 0; t < dimension; t++) dot += row[t] * axis[t];
                points[(long)i * components + c] = dot;
            }
        });
        var total = 0.0;
        foreach (var value in values) total += Math.Max(0, value);
        return new PcaResult(points, components, variances, variances.Select(v => total > 0 ? v / total : 0).ToArray());
    }

    private static double[] Centre(float[] embeddings, int n, int d, double[] mean)
    {
        var centred = new double[(long)n * d];
        Parallel.For(0, n, i =>
        {
            for (var t = 0; t < d; t++) centred[(long)i * d + t] = embeddings[(long)i * d + t] - mean[t];
        });
        return centred;
    }

    /// <summary>
    /// Upper triangle, rows of the result in bands of 32 (one band per task, so the samples are streamed once per band,
    /// not once per row), each entry summed over samples in order: parallel yet deterministic.
    /// </summary>
    private static double[] Covariance(double[] x, int n, int d, CancellationToken cancellation)
    {
        const int band = 32;
        var cov = new double[(long)d * d];
        var divisor = Math.Max(1, n - 1);
        Parallel.For(0, (d + band - 1) / band, new ParallelOptions { CancellationToken = cancellation }, b =>
        {
            var first = b * band;
            var last = Math.Min(d, first + band);
            for (var i = 0; i < n; i++)
            {
                var row = x.AsSpan((int)((long)i * d), d);
                for (var a = first; a < last; a++)
                {
                    var xa = row[a];
                    if (xa == 0) continue;
                    var target = cov.AsSpan((int)((long)a * d + a), d - a);
                    var source = row[a..];
                    var t = 0;
                    if (Vector.IsHardwareAccelerated)
                    {
                        var factor = new Vector<double>(xa);
                        for (; t + Vector<double>.Count <= source.Length; t += Vector<double>.Count)
                            (new Vector<double>(target[t..]) + factor * new Vector<double>(source[t..])).CopyTo(target[t..]);
                    }
                    for (; t < source.Length; t++) target[t] += xa * source[t];
                }
            }
        });
        for (var a = 0; a < d; a++)
            for (var b = a; b < d; b++)
            {
                var value = cov[(long)a * d + b] / divisor;
                cov[(long)a * d + b] = value;
                cov[(long)b * d + a] = value;
            }
        return cov;
    }

    private static void FixSign(Span<double> axis)
    {
        var largest = 0;
        for (var t = 1; t < axis.Length; t++)
            if (Math.Abs(axis[t]) > Math.Abs(axis[largest])) largest = t;
        if (axis[largest] < 0) for (var t = 0; t < axis.Length; t++) axis[t] = -axis[t];
    }
}

/// <summary>PCA points (row-major N x Dimensions), and each kept component's variance and share of the total.</summary>
public sealed record PcaResult(double[] Points, int Dimensions, double[] Variances, double[] ExplainedRatios);

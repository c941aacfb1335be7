using System.Numerics.Tensors;

namespace FiftyOneBrain.Brain;

/// <summary>
/// k-means as scikit-learn's KMeans runs it (what FiftyOne's representativeness calls): k-means++ seeding with
/// 2 + ⌊ln k⌋ candidates per centre (the greedy variant), Lloyd iterations until no label changes or the centres
/// move less than tol = 1e-4 × the mean per-dimension variance (squared shift, summed), at most 300 times, over
/// several seeded initialisations, keeping the one with the lowest inertia. An empty cluster is given the point
/// farthest from its centre. Work is in double precision; deterministic for a given seed.
/// </summary>
public static class KMeans
{
    public sealed record Result(double[] Centers, int[] Labels, double Inertia, int K, int Dimension, int Iterations);

    public const int DefaultInitializations = 10;
    public const int MaxIterations = 300;
    public const double RelativeTolerance = 1e-4;

    /// <param name="k">Clusters; more than the number of points is an error (callers take min(k, n)).</param>
    public static Result Fit(double[] points, int count, int dimension, int k, int seed, int initializations = DefaultInitializations, CancellationToken cancel = default)
    {
        if (count < 1) throw new ArgumentException("k-means needs at least one point.", nameof(count));
        if (k < 1 || k > count) throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and the number of points ({count}).");
        if ((long)count * dimension != points.Length) throw new ArgumentException($"Expected {count} x {dimension} values.", nameof(points));
        var tolerance = RelativeTolerance * MeanVariance(points, count, dimension);
        var random = new Random(seed);
        Result? best = null;
        for (var run = 0; run < Math.Max(1, initializations); run++)
        {
            cancel.ThrowIfCancellationRequested();
            var centers = PlusPlus(points, count, dimension, k, random);
            var result = Lloyd(points, count, dimension, k, centers, tolerance, cancel);
            if (best is null || result.Inertia < best.Inertia) best = result;
        }
        return best!;
    }

    /// <summary>Lloyd from given centres (k × dimension), to convergence.</summary>
    public static Result Lloyd(double[] points, int count, int dimension, int k, double[] centers, double tolerance, CancellationToken cancel = default)
    {
        var labels = new int[count];
        var distances = new double[count];
        Assign(points, count, dimension, centers, k, labels, distances);
        var iterations = 0;
        while (iterations < MaxIterations)
        {
            cancel.ThrowIfCancellationRequested();
            iterations++;
            var updated = Means(points, count, dimension, k, labels, distances);
            double shift = 0;
            for (var i = 0; i < updated.Length; i++) shift += (updated[i] - centers[i]) * (updated[i] - centers[i]);
            centers = updated;
            var previous = (int[])labels.Clone();
            Assign(points, count, dimension, centers, k, labels, distances);
            if (labels.AsSpan().SequenceEqual(previous) || shift <= tolerance) break;
        }
        double inertia = 0;
        foreach (var d in distances) inertia += d;
        return new Result(centers, labels, inertia, k, dimension, iterations);
    }

    /// <summary>Greedy k-means++: each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability ∝ D².</summary>
    internal static double[] PlusPlus(double[] points, int count, int dimension, int k, Random random)
    {
        var centers = new double[k * dimension];
        var trials = 2 + (int)Math.Log(k);
        var first = random.Next(count);
        points.AsSpan(first * dimension, dimension).CopyTo(centers);
        var closest = new double[count];
        for (var i = 0; i < count; i++) closest[i] = SquaredDistance(points, i, centers, 0, dimension);
        var candidateClosest = new double[count];
        for (var c = 1; c < k; c++)
        {
            var potential = closest.Sum();
            int bestCandidate = -1;
            double bestPotential = double.PositiveInfinity;
            double[]? bestClosest = null;
            for (var t = 0; t < trials; t++)
            {
                var candidate = Draw(closest, potential, random);
                double candidatePotential = 0;
                for (var i = 0; i < count; i++)
                {
                    candidateClosest[i] = Math.Min(closest[i], SquaredDistance(points, i, points, candidate, dimension));
                    candidatePotential += candidateClosest[i];
                }
                if (candidatePotential < bestPotential)
                {
                    bestPotential = candidatePotential;
                    bestCandidate = candidate;
                    bestClosest = (double[])candidateClosest.Clone();
                }
            }
            points.AsSpan(bestCandidate * dimension, dimension).CopyTo(centers.AsSpan(c * dimension));
            closest = bestClosest!;
        }
        return centers;
    }

    /// <summary>A point drawn with probability closest[i] / potential; uniformly when every point sits on a centre.</summary>
    private static int Draw(double[] closest, double potential, Random random)
    {
        if (!(potential > 0)) return random.Next(closest.Length);
        var target = random.NextDouble() * potential;
        double cumulative = 0;
        for (var i = 0; i < closest.Length; i++)
        {
            cumulative += closest[i];
            if (cumulative > target) return i;
        }
        return Array.FindLastIndex(closest, d => d > 0);
    }

    /// <summary>Nearest centre of each point (the lowest index on ties) and the squared distance to it.</summary>
    internal static void Assign(double[] points, int count, int dimension, double[] centers, int k, int[] labels, double[] distances)
    {
        Parallel.For(0, count, i =>
        {
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                var d = SquaredDistance(points, i, centers, c, dimension);
                if (d < bestDistance) { bestDistance = d; best = c; }
            }
            labels[i] = best;
            distances[i] = bestDistance;
        });
    }

    /// <summary>The mean of each cluster; an empty cluster takes the point farthest from its centre (scikit-learn's relocation).</summary>
    private static double[] Means(double[] points, int count, int dimension, int k, int[] labels, double[] distances)
    {
        var sums = new double[k * dimension];
        var sizes = new int[k];
        for (var i = 0; i < count; i++)
        {
            sizes[labels[i]]++;
            TensorPrimitives.Add(sums.AsSpan(labels[i] * dimension, dimension), points.AsSpan(i * dimension, dimension), sums.AsSpan(labels[i] * dimension, dimension));
        }
        var farthest = Enumerable.Range(0, count).OrderByDescending(i => distances[i]).ThenBy(i => i).GetEnumerator();
        for (var c = 0; c < k; c++)
        {
            var center = sums.AsSpan(c * dimension, dimension);
            if (sizes[c] > 0) { TensorPrimitives.Divide(center, sizes[c], center); continue; }
            farthest.MoveNext();
            points.AsSpan(farthest.Current * dimension, dimension).CopyTo(center);
        }
        return sums;
    }

    internal static double SquaredDistance(double[] a, int i, double[] b, int j, int dimension)
    {
        var x = a.AsSpan(i * dimension, dimension);
        var y = b.AsSpan(j * dimension, dimension);
        var lanes = System.Numerics.Vector<double>.Count;
        var acc = System.Numerics.Vector<double>.Zero;
        var d = 0;
        for (; d + lanes <= dimension; d += lanes)
        {
            var diff = new System.Numerics.Vector<double>(x.Slice(d, lanes)) - new System.Numerics.Vector<double>(y.Slice(d, lanes));
            acc += diff * diff;
        }
        var sum = System.Numerics.Vector.Sum(acc);
        for (; d < dimension; d++)
        {
            var diff = x[d] - y[d];
            sum += diff * diff;
        }
        return sum;
    }

    private static double MeanVariance(double[] points, int count, int dimension)
    {
        double total = 0;
        for (var d = 0; d < dimension; d++)
        {
            double mean = 0, squares = 0;
            for (var i = 0; i < count; i++) mean += points[i * dimension + d];
            mean /= count;
            for (var i = 0; i < count; i++) squares += (points[i * dimension + d] - mean) * (points[i * dimension + d] - mean);
            total += squares / count;
        }
        return dimension == 0 ? 0 : total / dimension;
    }
}

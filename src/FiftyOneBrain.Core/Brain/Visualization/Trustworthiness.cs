namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// How far an embedding keeps neighbourhoods (Venna and Kaski; scikit-learn's manifold.trustworthiness, euclidean):
/// T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum over i and over each of i's k nearest in the embedding of
/// max(0, r(i, j) - k), r being j's rank among i's neighbours in the original space. 1 means no intruders.
/// Exact and O(n^2 d): for tests and checks on small sets.
/// </summary>
public static class Trustworthiness
{
    public static double Compute(float[] original, int dimension, double[] embedded, int embeddedDimension, int n, int k)
    {
        if (k >= n / 2.0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be below n / 2.");
        var penalty = 0.0;
        var sync = new object();
        Parallel.For(0, n, () => 0.0, (i, _, local) =>
        {
            var originalDistances = new double[n];
            var embeddedDistances = new double[n];
            for (var j = 0; j < n; j++)
            {
                originalDistances[j] = Squared(original, dimension, i, j);
                embeddedDistances[j] = Squared(embedded, embeddedDimension, i, j);
            }
            // Ranks in the original space, self excluded (rank 1 = nearest other); ties broken by index as a stable sort.
            var order = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => originalDistances[j]).ThenBy(j => j).ToArray();
            var rank = new int[n];
            for (var r = 0; r < order.Length; r++) rank[order[r]] = r + 1;
            foreach (var j in Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => embeddedDistances[j]).ThenBy(j => j).Take(k))
                local += Math.Max(0, rank[j] - k);
            return local;
        }, local => { lock (sync) penalty += local; });
        return 1.0 - penalty * (2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)));
    }

    private static double Squared(float[] x, int d, int a, int b)
    {
        var sum = 0.0;
        for (var t = 0; t < d; t++)
        {
            var diff = (double)x[a * d + t] - x[b * d + t];
            sum += diff * diff;
        }
        return sum;
    }

    private static double Squared(double[] x, int d, int a, int b)
    {
        var sum = 0.0;
        for (var t = 0; t < d; t++)
        {
            var diff = x[a * d + t] - x[b * d + t];
            sum += diff * diff;
        }
        return sum;
    }
}

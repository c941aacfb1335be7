namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// UMAP's fuzzy simplicial set (umap-learn's fuzzy_simplicial_set with set_op_mix_ratio 1): each directed kNN edge
/// i -> j weighs exp(-(d_ij - rho_i) / sigma_i), or 1 when d_ij &lt;= rho_i, 0 for the sample itself; the directed
/// graph A is made symmetric by the fuzzy union A + A^T - A o A^T. Zero weights are dropped.
/// </summary>
public static class FuzzySimplicialSet
{
    /// <param name="indices">N x k neighbour indices, row i starting with i itself.</param>
    /// <param name="distances">The matching distances, ascending.</param>
    public static FuzzyGraph Build(int[] indices, double[] distances, int count, int k, double[] sigmas, double[] rhos)
    {
        var directed = new Dictionary<long, double>(count * k);
        for (var i = 0; i < count; i++)
            for (var m = 0; m < k; m++)
            {
                var j = indices[i * k + m];
                if (j < 0 || j == i) continue;
                var d = distances[i * k + m] - rhos[i];
                var weight = d <= 0 || sigmas[i] == 0 ? 1.0 : Math.Exp(-(d / sigmas[i]));
                directed[Key(i, j, count)] = weight;
            }
        var union = new Dictionary<long, double>(directed.Count * 2);
        foreach (var (key, w) in directed)
        {
            var i = (int)(key / count);
            var j = (int)(key % count);
            var back = directed.TryGetValue(Key(j, i, count), out var t) ? t : 0.0;
            var value = w + back - w * back;
            union[key] = value;
            union[Key(j, i, count)] = value;
        }
        var keys = union.Where(p => p.Value > 0).Select(p => p.Key).ToArray();
        Array.Sort(keys);
        var rows = new int[keys.Length];
        var columns = new int[keys.Length];
        var weights = new double[keys.Length];
        for (var e = 0; e < keys.Length; e++)
        {
            rows[e] = (int)(keys[e] / count);
            columns[e] = (int)(keys[e] % count);
            weights[e] = union[keys[e]];
        }
        return new FuzzyGraph(count, rows, columns, weights);
    }

    private static long Key(int row, int column, int count) => (long)row * count + column;
}

namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// UMAP's spectral initialisation (umap-learn's spectral_layout): the eigenvectors of the normalised Laplacian
/// I - D^-1/2 W D^-1/2 with the 2nd to (dim+1)-th smallest eigenvalues, found here as the largest eigenvectors of
/// D^-1/2 W D^-1/2 orthogonal to the trivial one, sqrt(degree) (dense decomposition for small graphs, Lanczos
/// otherwise). A graph in several connected components is laid out as umap-learn's multi_component_layout:
/// each component's own spectral layout, scaled to half the gap between components and placed at the component's
/// meta position (the ±unit vectors when there are at most 2 dim components, else a spectral layout of the
/// component centroids under affinity exp(-distance^2)); components too small for a spectrum are uniform noise.
/// </summary>
public static class SpectralLayout
{
    private const int DenseLimit = 400;

    /// <summary>Row-major N x dim initial coordinates; Converged is false when some eigenvectors were only approximate.</summary>
    public static (double[] Points, bool Converged) Compute(FuzzyGraph graph, int dim, float[] embeddings, int dimension, Random random, CancellationToken cancellation = default)
    {
        var n = graph.Count;
        var labels = ConnectedComponents(graph, out var components);
        var points = new double[(long)n * dim];
        if (components == 1)
        {
            var (layout, ok) = ComponentSpectrum(graph, Enumerable.Range(0, n).ToArray(), dim, random, cancellation);
            if (layout is null) return (Uniform(n, dim, 10, random), false);
            return (layout, ok);
        }
        var meta = MetaEmbedding(components, dim, labels, embeddings, dimension);
        var allConverged = true;
        for (var c = 0; c < components; c++)
        {
            cancellation.ThrowIfCancellationRequested();
            var members = Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray();
            var range = HalfGap(meta, c, dim);
            double[]? layout = null;
            if (members.Length >= 2 * dim && members.Length > dim + 1)
            {
                (layout, var ok) = ComponentSpectrum(Subgraph(graph, members, labels, c), Enumerable.Range(0, members.Length).ToArray(), dim, random, cancellation);
                allConverged &= ok;
                if (layout is not null)
                {
                    var largest = layout.Max(Math.Abs);
                    var expansion = largest > 0 ? range / largest : 0;
                    for (var t = 0; t < layout.Length; t++) layout[t] *= expansion;
                }
            }
            for (var m = 0; m < members.Length; m++)
                for (var t = 0; t < dim; t++)
                {
                    var offset = layout is null ? (random.NextDouble() * 2 - 1) * range : layout[(long)m * dim + t];
                    points[(long)members[m] * dim + t] = offset + meta[c * dim + t];
                }
        }
        return (points, allConverged);
    }

    /// <summary>The spectral layout of one connected graph over vertices 0..n-1, or null when it has too few vertices.</summary>
    private static (double[]? Points, bool Converged) ComponentSpectrum(FuzzyGraph graph, int[] vertices, int dim, Random random, CancellationToken cancellation)
    {
        var n = vertices.Length;
        if (n <= dim + 1) return (null, false);
        var degree = new double[n];
        for (var e = 0; e < graph.Edges; e++) degree[graph.Rows[e]] += graph.Weights[e];
        var scale = degree.Select(d => d > 0 ? 1 / Math.Sqrt(d) : 0).ToArray();
        var trivial = degree.Select(Math.Sqrt).ToArray();
        var norm = Math.Sqrt(trivial.Sum(v => v * v));
        for (var i = 0; i < n; i++) trivial[i] /= norm;
        double[][] vectors;
        var converged = true;
        if (n <= DenseLimit)
        {
            var dense = new double[n * n];
            for (var e = 0; e < graph.Edges; e++)
                dense[graph.Rows[e] * n + graph.Columns[e]] += scale[graph.Rows[e]] * graph.Weights[e] * scale[graph.Columns[e]];
            var (_, all) = SymmetricEigen.Decompose(dense, n);
            // The largest is the trivial eigenvector (eigenvalue 1); the next dim follow it.
            vectors = Enumerable.Range(0, dim).Select(c => Enumerable.Range(0, n).Select(r => all[r * n + (n - 2 - c)]).ToArray()).ToArray();
        }
        else
        {
            var normalised = new double[graph.Edges];
            for (var e = 0; e < graph.Edges; e++) normalised[e] = scale[graph.Rows[e]] * graph.Weights[e] * scale[graph.Columns[e]];
            void Multiply(double[] x, double[] y)
            {
                Array.Clear(y);
                for (var e = 0; e < normalised.Length; e++) y[graph.Rows[e]] += normalised[e] * x[graph.Columns[e]];
            }
            (_, vectors, converged) = LanczosEigen.Largest(Multiply, n, dim, trivial, random, cancellation: cancellation);
        }
        var points = new double[(long)n * dim];
        for (var c = 0; c < dim; c++)
        {
            FixSign(vectors[c]);
            for (var i = 0; i < n; i++) points[(long)i * dim + c] = vectors[c][i];
        }
        return (points, converged);
    }

    private static void FixSign(double[] v)
    {
        var largest = 0;
        for (var t = 1; t < v.Length; t++) if (Math.Abs(v[t]) > Math.Abs(v[largest])) largest = t;
        if (v[largest] < 0) for (var t = 0; t < v.Length; t++) v[t] = -v[t];
    }

    private static int[] ConnectedComponents(FuzzyGraph graph, out int count)
    {
        var parent = Enumerable.Range(0, graph.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        for (var e = 0; e < graph.Edges; e++)
        {
            var a = Find(graph.Rows[e]);
            var b = Find(graph.Columns[e]);
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        var labels = new int[graph.Count];
        var ids = new Dictionary<int, int>();
        for (var i = 0; i < graph.Count; i++)
        {
            var root = Find(i);
            if (!ids.TryGetValue(root, out var id)) ids[root] = id = ids.Count;
            labels[i] = id;
        }
        count = ids.Count;
        return labels;
    }

    private static FuzzyGraph Subgraph(FuzzyGraph graph, int[] members, int[] labels, int label)
    {
        var local = new Dictionary<int, int>(members.Length);
        for (var m = 0; m < members.Length; m++) local[members[m]] = m;
        var rows = new List<int>();
        var columns = new List<int>();
        var weights = new List<double>();
        for (var e = 0; e < graph.Edges; e++)
        {
            if (labels[graph.Rows[e]] != label) continue;
            rows.Add(local[graph.Rows[e]]);
            columns.Add(local[graph.Columns[e]]);
            weights.Add(graph.Weights[e]);
        }
        return new FuzzyGraph(members.Length, rows.ToArray(), columns.ToArray(), weights.ToArray());
    }

    /// <summary>Where each component goes: ±unit vectors for few components, else the centroids' spectral layout.</summary>
    private static double[] MetaEmbedding(int components, int dim, int[] labels, float[] embeddings, int dimension)
    {
        var meta = new double[components * dim];
        if (components <= 2 * dim)
        {
            var half = (components + 1) / 2;
            for (var c = 0; c < components; c++) meta[c * dim + c % half] = c < half ? 1 : -1;
            return meta;
        }
        var centroids = new double[components * dimension];
        var sizes = new int[components];
        for (var i = 0; i < labels.Length; i++)
        {
            sizes[labels[i]]++;
            for (var t = 0; t < dimension; t++) centroids[labels[i] * dimension + t] += embeddings[(long)i * dimension + t];
        }
        for (var c = 0; c < components; c++) for (var t = 0; t < dimension; t++) centroids[c * dimension + t] /= sizes[c];
        // Affinity exp(-d^2) between centroids, normalised as scikit-learn's spectral_embedding (drop the first vector, divide by sqrt(degree)).
        var affinity = new double[components * components];
        for (var a = 0; a < components; a++)
            for (var b = 0; b < components; b++)
            {
                if (a == b) continue;
                var squared = 0.0;
                for (var t = 0; t < dimension; t++)
                {
                    var diff = centroids[a * dimension + t] - centroids[b * dimension + t];
                    squared += diff * diff;
                }
                affinity[a * components + b] = Math.Exp(-squared);
            }
        var degree = new double[components];
        for (var a = 0; a < components; a++) for (var b = 0; b < components; b++) degree[a] += affinity[a * components + b];
        var root = degree.Select(d => d > 0 ? Math.Sqrt(d) : 1).ToArray();
        for (var a = 0; a < components; a++) for (var b = 0; b < components; b++) affinity[a * components + b] /= root[a] * root[b];
        var (_, vectors) = SymmetricEigen.Decompose(affinity, components);
        for (var c = 0; c < dim; c++)
        {
            var column = components - 2 - c;
            var v = Enumerable.Range(0, components).Select(r => vectors[r * components + column] / root[r]).ToArray();
            FixSign(v);
            for (var r = 0; r < components; r++) meta[r * dim + c] = v[r];
        }
        var max = meta.Max();
        if (max > 0) for (var t = 0; t < meta.Length; t++) meta[t] /= max;
        return meta;
    }

    private static double HalfGap(double[] meta, int c, int dim)
    {
        var nearest = double.PositiveInfinity;
        for (var o = 0; o < meta.Length / dim; o++)
        {
            var squared = 0.0;
            for (var t = 0; t < dim; t++)
            {
                var diff = meta[c * dim + t] - meta[o * dim + t];
                squared += diff * diff;
            }
            if (squared > 0) nearest = Math.Min(nearest, Math.Sqrt(squared));
        }
        return double.IsFinite(nearest) ? nearest / 2 : 1;
    }

    internal static double[] Uniform(int n, int dim, double range, Random random)
    {
        var points = new double[(long)n * dim];
        for (var t = 0; t < points.Length; t++) points[t] = (random.NextDouble() * 2 - 1) * range;
        return points;
    }
}

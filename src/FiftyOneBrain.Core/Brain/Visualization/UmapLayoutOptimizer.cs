namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// UMAP's layout optimisation (umap-learn's optimize_layout_euclidean, single-threaded as it runs with a
/// random_state): epoch by epoch each edge is sampled in proportion to its weight; a sampled edge pulls its two
/// ends together with the gradient -2ab d^(2(b-1)) / (1 + a d^(2b)) and the head is pushed from
/// negative-sample-rate random vertices with 2 gamma b / ((0.001 + d^2)(1 + a d^(2b))), each gradient component
/// clipped to [-4, 4]; the learning rate falls linearly to 0. In place, float32 coordinates as umap-learn.
/// </summary>
public static class UmapLayoutOptimizer
{
    private const float Clip = 4f;

    public static void Optimize(float[] embedding, int dim, FuzzyGraph graph, double a, double b, int epochs, UmapOptions options, ref TauRandom random)
    {
        var edges = graph.Edges;
        var epochsPerSample = EpochsPerSample(graph.Weights, epochs);
        var epochsPerNegative = new double[edges];
        var nextNegative = new double[edges];
        var nextSample = new double[edges];
        for (var e = 0; e < edges; e++)
        {
            epochsPerNegative[e] = epochsPerSample[e] / options.NegativeSampleRate;
            nextNegative[e] = epochsPerNegative[e];
            nextSample[e] = epochsPerSample[e];
        }
        float fa = (float)a, fb = (float)b, gamma = (float)options.RepulsionStrength;
        var n = graph.Count;
        var progressEvery = Math.Max(1, epochs / 50);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var alpha = (float)(options.LearningRate * (1.0 - (double)epoch / epochs));
            for (var e = 0; e < edges; e++)
            {
                if (nextSample[e] > epoch) continue;
                var j = graph.Rows[e];
                var k = graph.Columns[e];
                var current = j * dim;
                var other = k * dim;
                var squared = Distance(embedding, current, other, dim);
                var coefficient = 0f;
                if (squared > 0)
                {
                    var powered = MathF.Pow(squared, fb);
                    coefficient = -2f * fa * fb * (powered / squared) / (fa * powered + 1f);
                }
                for (var t = 0; t < dim; t++)
                {
                    var grad = Math.Clamp(coefficient * (embedding[current + t] - embedding[other + t]), -Clip, Clip);
                    embedding[current + t] += grad * alpha;
                    embedding[other + t] -= grad * alpha;
                }
                nextSample[e] += epochsPerSample[e];
                var negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
                for (var p = 0; p < negatives; p++)
                {
                    var kk = random.NextIndex(n);
                    other = kk * dim;
                    squared = Distance(embedding, current, other, dim);
                    if (squared > 0)
                    {
                        coefficient = 2f * gamma * fb / ((0.001f + squared) * (fa * MathF.Pow(squared, fb) + 1f));
                    }
                    else if (j == kk) continue;
                    else coefficient = 0f;
                    for (var t = 0; t < dim; t++)
                    {
                        var grad = coefficient > 0 ? Math.Clamp(coefficient * (embedding[current + t] - embedding[other + t]), -Clip, Clip) : Clip;
                        embedding[current + t] += grad * alpha;
                    }
                }
                nextNegative[e] += negatives * epochsPerNegative[e];
            }
            if ((epoch + 1) % progressEvery == 0 || epoch + 1 == epochs) options.Progress?.Invoke("epochs", epoch + 1, epochs);
        }
    }

    /// <summary>umap-learn's make_epochs_per_sample: an edge of weight w is sampled every max(w) / w epochs (never when w is 0).</summary>
    internal static double[] EpochsPerSample(double[] weights, int epochs)
    {
        var result = new double[weights.Length];
        var max = weights.Length == 0 ? 0 : weights.Max();
        for (var e = 0; e < weights.Length; e++)
        {
            var samples = epochs * (weights[e] / max);
            result[e] = samples > 0 ? epochs / samples : -1;
        }
        return result;
    }

    private static float Distance(float[] x, int a, int b, int dim)
    {
        var sum = 0f;
        for (var t = 0; t < dim; t++)
        {
            var diff = x[a + t] - x[b + t];
            sum += diff * diff;
        }
        return sum;
    }
}

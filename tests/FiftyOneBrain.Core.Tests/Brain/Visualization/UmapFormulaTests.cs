using FiftyOneBrain.Brain.Visualization;

namespace FiftyOneBrain.Tests.Brain.Visualization;

/// <summary>The pieces of UMAP against umap-learn 0.5.3's own functions (umap_reference.json).</summary>
public sealed class UmapFormulaTests
{
    private static readonly System.Text.Json.JsonElement Reference = UmapReference.Load();

    [Fact]
    public void Smooth_knn_distances_match_umap_learn()
    {
        var k = Reference.GetProperty("k").GetInt32();
        var distances = UmapReference.Flatten(Reference.GetProperty("distances"));
        var (sigmas, rhos) = SmoothKnnDistance.Compute(distances, distances.Length / k, k);
        var expectedSigmas = UmapReference.Doubles(Reference.GetProperty("sigmas"));
        var expectedRhos = UmapReference.Doubles(Reference.GetProperty("rhos"));
        for (var i = 0; i < sigmas.Length; i++)
        {
            Assert.Equal(expectedRhos[i], rhos[i], 6);
            Assert.True(Math.Abs(expectedSigmas[i] - sigmas[i]) <= 1e-5 * Math.Max(1, expectedSigmas[i]), $"sigma {i}: {sigmas[i]} vs umap-learn {expectedSigmas[i]}");
        }
    }

    [Fact]
    public void Curve_parameters_match_umap_learn()
    {
        foreach (var curve in Reference.GetProperty("curves").EnumerateArray())
        {
            // Relative 1e-5: the least-squares valley is flat, and curve_fit stops within its own tolerance 1.5e-8 on the cost.
            var (a, b) = CurveParameters.Fit(curve.GetProperty("minDistance").GetDouble(), curve.GetProperty("spread").GetDouble());
            var (expectedA, expectedB) = (curve.GetProperty("a").GetDouble(), curve.GetProperty("b").GetDouble());
            Assert.True(Math.Abs(a - expectedA) <= 1e-5 * expectedA, $"a {a} vs umap-learn {expectedA}");
            Assert.True(Math.Abs(b - expectedB) <= 1e-5 * expectedB, $"b {b} vs umap-learn {expectedB}");
        }
    }

    [Fact]
    public void Tau_generator_matches_umap_learn()
    {
        var state = UmapReference.Doubles(Reference.GetProperty("tauState")).Select(v => (long)v).ToArray();
        var random = new TauRandom(state[0], state[1], state[2]);
        var expected = UmapReference.Doubles(Reference.GetProperty("tau")).Select(v => (int)v).ToArray();
        Assert.Equal(expected, expected.Select(_ => random.Next()).ToArray());
    }

    [Fact]
    public void Trustworthiness_matches_scikit_learn()
    {
        var high = UmapReference.Flatten(Reference.GetProperty("trustHigh")).Select(v => (float)v).ToArray();
        var low = UmapReference.Flatten(Reference.GetProperty("trustLow"));
        var value = Trustworthiness.Compute(high, 5, low, 2, high.Length / 5, Reference.GetProperty("trustK").GetInt32());
        Assert.Equal(Reference.GetProperty("trustworthiness").GetDouble(), value, 12);
    }

    [Fact]
    public void Fuzzy_union_by_hand()
    {
        // Two samples, k = 2 (self + one): 0 -> 1 at rho, weight 1; 1 -> 0 at rho, weight 1; union 1 + 1 - 1 = 1 both ways.
        // Three on a line 0, 1, 3 with k = 3: sample 0's far neighbour (2) at d = 3, rho 1.
        var graph = FuzzySimplicialSet.Build(new[] { 0, 1, 1, 0 }, new[] { 0.0, 1, 0, 1 }, 2, 2, new[] { 1.0, 1 }, new[] { 1.0, 1 });
        Assert.Equal(new[] { 0, 1 }, graph.Rows);
        Assert.Equal(new[] { 1, 0 }, graph.Columns);
        Assert.Equal(new[] { 1.0, 1.0 }, graph.Weights);

        var line = FuzzySimplicialSet.Build(new[] { 0, 1, 2, 1, 0, 2, 2, 1, 0 }, new[] { 0.0, 1, 3, 0, 1, 2, 0, 2, 3 }, 3, 3,
            new[] { 2.0, 1, 1 }, new[] { 1.0, 1, 2 });
        // w(0->2) = exp(-(3-1)/2) = e^-1; w(2->0) = exp(-(3-2)/1) = e^-1; union 2/e - 1/e^2.
        var e02 = Array.FindIndex(line.Rows, r => r == 0) + 1;
        Assert.Equal(2, line.Columns[e02]);
        Assert.Equal(2 / Math.E - 1 / (Math.E * Math.E), line.Weights[e02], 12);
        // w(1->2) = exp(-(2-1)/1) = e^-1, w(2->1) = 1 (at rho): union 1.
        Assert.Equal(1.0, line.Weights[Array.FindIndex(line.Rows.Zip(line.Columns).ToArray(), p => p == (1, 2))], 12);
    }

    [Fact]
    public void Edges_are_sampled_in_proportion_to_weight() =>
        Assert.Equal(new[] { 1.0, 2.0, 4.0, -1.0 }, UmapLayoutOptimizer.EpochsPerSample(new[] { 1.0, 0.5, 0.25, 0.0 }, 200));
}

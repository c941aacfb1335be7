using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

/// <summary>k-means and both representativeness scores on cases worked out by hand (and one pinned to scikit-learn).</summary>
public sealed class RepresentativenessTests
{
    private static float[] F(params double[] v) => v.Select(x => (float)x).ToArray();

    [Fact]
    public void KMeans_splits_two_pairs_at_their_midpoints()
    {
        var result = KMeans.Fit(new double[] { 0, 1, 10, 11 }, 4, 1, 2, seed: 7);
        Assert.Equal(1.0, result.Inertia, 12); // four points each 0.5 from their centre
        Assert.Equal(new[] { 0.5, 10.5 }, result.Centers.OrderBy(c => c).ToArray());
        Assert.Equal(result.Labels[0], result.Labels[1]);
        Assert.Equal(result.Labels[2], result.Labels[3]);
        Assert.NotEqual(result.Labels[0], result.Labels[2]);
    }

    [Fact]
    public void Lloyd_moves_a_bad_start_to_the_clusters()
    {
        // Centres 0 and 1 over {0, 1, 10, 11}: first means 0 and 22/3, then 0.5 and 10.5, then stable.
        var result = KMeans.Lloyd(new double[] { 0, 1, 10, 11 }, 4, 1, 2, new double[] { 0, 1 }, tolerance: 0);
        Assert.Equal(new[] { 0.5, 10.5 }, result.Centers);
        Assert.Equal(new[] { 0, 0, 1, 1 }, result.Labels);
    }

    [Fact]
    public void KMeans_keeps_the_lowest_inertia_of_its_initialisations_and_is_seeded()
    {
        var rng = new Random(3);
        var points = Enumerable.Range(0, 200 * 3).Select(_ => rng.NextDouble()).ToArray();
        var one = KMeans.Fit(points, 200, 3, 5, seed: 11, initializations: 1);
        var ten = KMeans.Fit(points, 200, 3, 5, seed: 11, initializations: 10);
        Assert.True(ten.Inertia <= one.Inertia);
        Assert.Equal(ten.Labels, KMeans.Fit(points, 200, 3, 5, seed: 11, initializations: 10).Labels);
    }

    [Fact]
    public void One_cluster_scores_one_minus_distance_over_the_largest()
    {
        // {0, 1, 3}: centre 4/3; d = 4/3, 1/3, 5/3; d / max d = 0.8, 0.2, 1 (FiftyOne's value); ours 1 − that.
        var scores = Representativeness.Compute(F(0, 1, 3), 3, 1, new Representativeness.Options { Clusters = 1 });
        Assert.Equal(new[] { 0.2, 0.8, 0.0 }, scores.Select(s => Math.Round(s, 12)).ToArray());
    }

    [Fact]
    public void Is_one_minus_fiftyones_value_for_scikit_learns_clustering()
    {
        // fiftyone-brain's _cluster_ranker (d / max d per cluster) with sklearn 1.2.1 KMeans(3, random_state=1234):
        var points = F(0, 0, 1, 0, 0, 2, 1.5, 1.5, 10, 10, 11, 10, 10, 12.5, 9, 9, 0, 20, 1, 21, -1, 19, 0.5, 23);
        var fiftyOne = new[] { 0.835531691527718, 0.7397092748646287, 1.0, 0.835531691527718, 0.17647058823529413, 0.5025884556069136,
            1.0, 0.8000865005138497, 0.3333333333333333, 0.39894756442314466, 0.9120481521453963, 1.0 };
        var scores = Representativeness.Compute(points, 12, 2, new Representativeness.Options { Clusters = 3 });
        for (var i = 0; i < 12; i++) Assert.Equal(1 - fiftyOne[i], scores[i], 9);
    }

    [Fact]
    public void Fewer_samples_than_clusters_puts_each_in_its_own_cluster()
    {
        var scores = Representativeness.Compute(F(0, 0, 5, 5, 9, 1), 3, 2, new Representativeness.Options());
        Assert.Equal(new[] { 1.0, 1.0, 1.0 }, scores);
        Assert.Equal(new[] { 1.0 }, Representativeness.Compute(F(4, 2), 1, 2, new Representativeness.Options()));
        Assert.Empty(Representativeness.Compute(Array.Empty<float>(), 0, 2, new Representativeness.Options()));
    }

    [Fact]
    public void Downweight_lowers_unvisited_neighbours_within_the_radius_once_then_renormalises()
    {
        // Visit order by score: 0 (1.0), 2 (0.8), 1 (0.5). Visiting 0: point 1 is 0.3 away → 0.5 × 0.7 = 0.35.
        var points = new double[] { 0, 0.3, 2 };
        Assert.Equal(new[] { 1.0, 0.35, 0.8 }, Representativeness.Downweight(points, 1, new[] { 1.0, 0.5, 0.8 }, 0.5, 0.7).Select(s => Math.Round(s, 12)).ToArray());
        // Max 0.4 → divide: 1, 0.14 / 0.4 = 0.35.
        Assert.Equal(new[] { 1.0, 0.35 }, Representativeness.Downweight(new double[] { 0, 0.3 }, 1, new[] { 0.4, 0.2 }, 0.5, 0.7).Select(s => Math.Round(s, 12)).ToArray());
        // A chain 0 — 0.4 — 0.8: visiting 0 lowers 0.4 (and marks it); visiting 0.4 then lowers 0.8, which 0 could not reach.
        Assert.Equal(new[] { 1.0, 0.63, 0.56 }, Representativeness.Downweight(new double[] { 0, 0.4, 0.8 }, 1, new[] { 1.0, 0.9, 0.8 }, 0.5, 0.7).Select(s => Math.Round(s, 12)).ToArray());
    }

    [Fact]
    public void Identical_points_score_one()
    {
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 1.0 }, Representativeness.Compute(F(1, 1, 1, 1, 1, 1, 1, 1), 4, 2, new Representativeness.Options { Clusters = 2 }));
    }

    [Fact]
    public void A_non_finite_embedding_is_a_brain_input_error()
    {
        var e = Assert.Throws<BrainInputException>(() => Representativeness.Compute(F(0, double.NaN), 2, 1, new Representativeness.Options()));
        Assert.Equal("NonFiniteEmbedding", e.ErrorId);
    }
}

using CsCheck;
using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Properties;

/// <summary>Invariants of the score formulas over generated inputs (CsCheck shrinks any counterexample it finds).</summary>
public sealed class ScoreProperties
{
    private static readonly Gen<double[]> Logits =
        Gen.Int[2, 12].SelectMany(k => Gen.Double[-50, 50].Array[k]);

    [Fact]
    public void Mistakenness_is_in_0_1_and_flipping_the_agree_flag_mirrors_it()
    {
        Gen.Select(Gen.Double[0, 1], Gen.Bool).Sample((c, agree) =>
        {
            var m = ClassificationMistakenness.Score(agree, c);
            return m >= 0 && m <= 1 && Math.Abs(ClassificationMistakenness.Score(!agree, c) - (1 - m)) < 1e-12;
        });
    }

    [Fact]
    public void Mistakenness_from_logits_is_in_0_1()
    {
        Gen.Select(Logits, Gen.Bool).Sample((logits, agree) =>
        {
            var m = ClassificationMistakenness.Score(agree, ClassificationMistakenness.ConfidenceFromLogits(logits));
            return m >= 0 && m <= 1;
        });
    }

    [Fact]
    public void Hardness_is_between_0_and_ln_K()
    {
        Logits.Sample(logits =>
        {
            var h = Hardness.Score(logits);
            return h >= 0 && h <= Math.Log(logits.Length) + 1e-12;
        });
    }

    /// <summary>n samples of dimension d on a small integer grid, so duplicates and ties come up.</summary>
    private static readonly Gen<(int N, int D, float[] Data)> Embeddings =
        Gen.Select(Gen.Int[4, 24], Gen.Int[1, 4]).SelectMany((n, d) =>
            Gen.Int[-3, 3].Select(v => (float)v).Array[n * d].Select(data => (n, d, data)));

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Uniqueness_is_in_0_1_with_a_maximum_of_1_unless_all_are_0(DistanceMetric metric)
    {
        Embeddings.Sample(e =>
        {
            var u = Uniqueness.Compute(e.Data, e.N, e.D, metric);
            return u.All(v => v >= 0 && v <= 1 + 1e-12) && (Math.Abs(u.Max() - 1) < 1e-12 || u.All(v => v == 0));
        }, iter: 60);
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Uniqueness_per_sample_does_not_depend_on_input_order(DistanceMetric metric)
    {
        Embeddings.SelectMany(e => Gen.Int.Array[e.N].Select(keys => (e, keys))).Sample(t =>
        {
            var (e, keys) = t;
            var order = Enumerable.Range(0, e.N).OrderBy(i => keys[i]).ThenBy(i => i).ToArray();
            var permuted = order.SelectMany(i => e.Data.Skip(i * e.D).Take(e.D)).ToArray();
            var u = Uniqueness.Compute(e.Data, e.N, e.D, metric);
            var up = Uniqueness.Compute(permuted, e.N, e.D, metric);
            return order.Select((original, position) => Math.Abs(up[position] - u[original])).All(diff => diff < 1e-9);
        }, iter: 60);
    }

    [Fact]
    public void Confident_learning_per_sample_scores_do_not_depend_on_input_order()
    {
        var gen = Gen.Select(Gen.Int[6, 40], Gen.Int[2, 4]).SelectMany((n, k) =>
            Gen.Select(Gen.Double[0.001, 1].Array[n * k], Gen.Int[0, k - 1].Array[n], Gen.Int.Array[n])
                .Select((raw, labels, keys) => (n, k, raw, labels, keys)));
        gen.Sample(t =>
        {
            var (n, k, raw, labels, keys) = t;
            var p = Normalise(raw, k);
            var order = Enumerable.Range(0, n).OrderBy(i => keys[i]).ThenBy(i => i).ToArray();
            var pp = order.SelectMany(i => p.Skip(i * k).Take(k)).ToArray();
            var lp = order.Select(i => labels[i]).ToArray();
            var r = ConfidentLearning.Find(p, labels, k);
            var rp = ConfidentLearning.Find(pp, lp, k);
            for (var position = 0; position < n; position++)
            {
                var i = order[position];
                // Which samples become label issues may change with the order among equal margins (ties go to the
                // earlier sample, see the help), so only the per-sample scores are order-free.
                if (rp.SelfConfidence[position] != r.SelfConfidence[i] || rp.NormalizedMargin[position] != r.NormalizedMargin[i]) return false;
            }
            return true;
        }, iter: 200);
    }

    private static double[] Normalise(double[] raw, int k)
    {
        var p = new double[raw.Length];
        for (var row = 0; row < raw.Length / k; row++)
        {
            var sum = 0.0;
            for (var j = 0; j < k; j++) sum += raw[row * k + j];
            for (var j = 0; j < k; j++) p[row * k + j] = raw[row * k + j] / sum;
        }
        return p;
    }
}

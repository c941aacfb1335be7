namespace FiftyOneBrain.Brain;

/// <summary>
/// Numerically stable softmax and its entropy H(p) = -sum p_i ln p_i (natural log).
/// Shifting by the largest logit keeps exp() in range, so logits like [1000, 0] work.
/// </summary>
public static class SoftmaxEntropy
{
    /// <summary>Throws when logits are empty or hold NaN/infinity, the inputs no score can be computed from.</summary>
    public static void Validate(ReadOnlySpan<double> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("Logits are empty.");
        for (var i = 0; i < logits.Length; i++)
            if (!double.IsFinite(logits[i]))
                throw new ArgumentException($"Logit {i} is {logits[i]}; logits must be finite numbers.");
    }

    /// <summary>Writes softmax(logits) into <paramref name="probabilities"/>.</summary>
    public static void Softmax(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        Validate(logits);
        if (probabilities.Length != logits.Length) throw new ArgumentException("Output length differs from the logits.", nameof(probabilities));
        var max = Max(logits);
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = Math.Exp(logits[i] - max);
            sum += probabilities[i];
        }
        for (var i = 0; i < logits.Length; i++) probabilities[i] /= sum;
    }

    public static double[] Softmax(ReadOnlySpan<double> logits)
    {
        var p = new double[logits.Length];
        Softmax(logits, p);
        return p;
    }

    /// <summary>
    /// H(softmax(logits)) without materialising p: with z' = z - max and L = ln sum exp z',
    /// ln p_i = z'_i - L, so H = L - sum p_i z'_i. Exact for one-hot-like logits (H -> 0) and uniform ones (H = ln K).
    /// </summary>
    public static double Entropy(ReadOnlySpan<double> logits)
    {
        Validate(logits);
        var max = Max(logits);
        double sumExp = 0, weighted = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var shifted = logits[i] - max;
            var e = Math.Exp(shifted);
            sumExp += e;
            weighted += e * shifted;
        }
        var h = Math.Log(sumExp) - weighted / sumExp;
        return h < 0 ? 0 : h; // rounding can leave -1e-17 for a certain prediction
    }

    /// <summary>Entropy of a probability vector that is already normalised (0 ln 0 = 0).</summary>
    public static double EntropyOfProbabilities(ReadOnlySpan<double> p)
    {
        var h = 0.0;
        foreach (var v in p) if (v > 0) h -= v * Math.Log(v);
        return h;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = values[0];
        for (var i = 1; i < values.Length; i++) if (values[i] > max) max = values[i];
        return max;
    }
}

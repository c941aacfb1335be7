namespace FiftyOneBrain.Models;

/// <summary>
/// Out-of-sample predictions by K-fold cross-validation, the input confident learning needs: every sample
/// is predicted by a model that never saw it. Folds are stratified (each class dealt round-robin over the
/// folds after a seeded shuffle), so every fold model trains on every class when a class has K+ samples.
/// </summary>
public static class CrossValidation
{
    /// <summary>Fold (0..folds-1) of every sample.</summary>
    public static int[] AssignFolds(IReadOnlyList<int> labels, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        if (labels.Count < folds) throw new InvalidDataException($"{labels.Count} samples cannot be split into {folds} folds.");
        var rng = new Random(seed);
        var fold = new int[labels.Count];
        var next = 0; // continue dealing where the previous class stopped, so fold sizes differ by at most 1
        foreach (var members in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()))
        {
            rng.Shuffle(members);
            foreach (var i in members) fold[i] = next++ % folds;
        }
        return fold;
    }

    /// <summary>
    /// Trains one model per fold on the other folds and returns the held-out logits of every sample
    /// (data.Count x classes, row-major). Fold f trains with seed options.Seed + f.
    /// </summary>
    public static float[] OutOfSampleLogits(LabeledImageSet data, int folds, TrainingOptions options,
        Action<int, BatchProgress>? onBatch = null, Action<int, EpochResult>? onEpoch = null, CancellationToken cancel = default)
    {
        options.Validate();
        var fold = AssignFolds(data.Labels, folds, options.Seed);
        var k = data.Classes.Length;
        var logits = new float[data.Count * k];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => fold[i] != f).ToArray();
            var held = Enumerable.Range(0, data.Count).Where(i => fold[i] == f).ToArray();
            var current = f;
            using var model = ModelTrainer.Train(data, train, null, options with { Seed = options.Seed + f, ValidationFraction = 0 }, null,
                onBatch is null ? null : p => onBatch(current, p), onEpoch is null ? null : e => onEpoch(current, e), cancel);
            var predicted = ModelTrainer.PredictLogits(model, data, held);
            for (var j = 0; j < held.Length; j++) predicted.AsSpan(j * k, k).CopyTo(logits.AsSpan(held[j] * k, k));
        }
        return logits;
    }
}

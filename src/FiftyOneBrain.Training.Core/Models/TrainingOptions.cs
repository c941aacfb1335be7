namespace FiftyOneBrain.Models;

/// <summary>
/// Settings of one training run: SGD with Nesterov momentum and weight decay under a one-cycle learning
/// rate schedule (warm up to LearningRate over the first 30% of steps, then anneal), cross-entropy loss.
/// </summary>
public sealed record TrainingOptions
{
    public double Width { get; init; } = 1.0;
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 128;
    /// <summary>Peak learning rate of the one-cycle schedule.</summary>
    public double LearningRate { get; init; } = 0.2;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    public int Seed { get; init; }
    /// <summary>Share of the samples held out (seeded) to report validation accuracy each epoch.</summary>
    public double ValidationFraction { get; init; }
    public bool Augment { get; init; } = true;
    public string? LabelField { get; init; }

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "At least one epoch.");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch norm needs batches of 2 or more.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive.");
        if (ValidationFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "Between 0 (none) and 1.");
        _ = new SimpleResNetShape(Width, 2);
    }
}

/// <summary>Reported after every batch: running mean loss and accuracy of the epoch so far.</summary>
public readonly record struct BatchProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy, double LearningRate);

/// <summary>Reported after every epoch.</summary>
public sealed record EpochResult(int Epoch, int Epochs, double Loss, double Accuracy, double? ValidationLoss, double? ValidationAccuracy, int Images, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"Epoch {Epoch}/{Epochs}: loss {Loss:F4}, accuracy {Accuracy:P2}" +
        (ValidationAccuracy is { } va ? $", validation loss {ValidationLoss:F4}, validation accuracy {va:P2}" : "") +
        $" ({Images} images, {Elapsed.TotalSeconds:F1} s, {Images / Math.Max(1e-9, Elapsed.TotalSeconds):F0} images/s)";
}

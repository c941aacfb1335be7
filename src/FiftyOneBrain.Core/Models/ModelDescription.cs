namespace FiftyOneBrain.Models;

/// <summary>What New-FoModel writes to the pipeline: a model file and what it holds (no tensors).</summary>
public sealed class ModelDescription
{
    public string? Path { get; init; }
    public string Architecture { get; init; } = "";
    public double Width { get; init; }
    public string[] Classes { get; init; } = [];
    public int EmbeddingDimension { get; init; }
    public long Parameters { get; init; }
    public long MultiplyAdds { get; init; }
    public int Epochs { get; init; }
    public int Seed { get; init; }
    public int TrainingSamples { get; init; }
    public int ValidationSamples { get; init; }
    public double? TrainingLoss { get; init; }
    public double? TrainingAccuracy { get; init; }
    public double? ValidationAccuracy { get; init; }
    public TimeSpan? TrainingTime { get; init; }

    public override string ToString() => $"{Architecture} x{Width} ({Classes.Length} classes) {Path}";
}

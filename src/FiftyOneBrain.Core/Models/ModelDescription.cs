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

    public static ModelDescription Of(ImageClassifier model)
    {
        var h = model.Header;
        var t = h.Training;
        return new ModelDescription
        {
            Path = model.Path,
            Architecture = h.Architecture,
            Width = h.Width,
            Classes = h.Classes.ToArray(),
            EmbeddingDimension = model.Shape.EmbeddingDimension,
            Parameters = model.Shape.Parameters,
            MultiplyAdds = model.Shape.MultiplyAdds,
            Epochs = t?.Epochs ?? 0,
            Seed = t?.Seed ?? 0,
            TrainingSamples = t?.TrainingSamples ?? 0,
            ValidationSamples = t?.ValidationSamples ?? 0,
            TrainingLoss = t?.TrainingLoss,
            TrainingAccuracy = t?.TrainingAccuracy,
            ValidationAccuracy = t?.ValidationAccuracy,
            TrainingTime = t is null ? null : TimeSpan.FromSeconds(t.Seconds),
        };
    }

    public override string ToString() => $"{Architecture} x{Width} ({Classes.Length} classes) {Path}";
}

using System.Text.Json.Serialization;

namespace FiftyOneBrain.Models;

/// <summary>
/// Everything a model file says about itself besides its weights (stored as JSON in front of them):
/// architecture and width, the class list in logit order, the preprocessing, and how it was trained.
/// </summary>
public sealed record ModelHeader
{
    public string Architecture { get; init; } = SimpleResNetShape.ArchitectureName;
    public double Width { get; init; } = 1.0;
    public string[] Classes { get; init; } = [];
    public ImagePreprocessing Preprocessing { get; init; } = ImagePreprocessing.Default;
    public TrainingRecord? Training { get; init; }

    [JsonIgnore]
    public SimpleResNetShape Shape => new(Width, Classes.Length);
}

/// <summary>How a model was trained, kept so a model file documents itself.</summary>
public sealed record TrainingRecord
{
    public string? LabelField { get; init; }
    public int Epochs { get; init; }
    public int BatchSize { get; init; }
    public double LearningRate { get; init; }
    public int Seed { get; init; }
    public int TrainingSamples { get; init; }
    public int ValidationSamples { get; init; }
    public double TrainingLoss { get; init; }
    public double TrainingAccuracy { get; init; }
    public double? ValidationAccuracy { get; init; }
    public double Seconds { get; init; }
}

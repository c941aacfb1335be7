namespace FiftyOneBrain.Brain.Visualization;

/// <summary>UMAP's knobs with umap-learn 0.5.3's defaults (as FiftyOne calls it).</summary>
public sealed record UmapOptions
{
    public int Dimensions { get; init; } = 2;
    /// <summary>Neighbours per sample, the sample itself included (umap-learn's n_neighbors).</summary>
    public int Neighbors { get; init; } = 15;
    public double MinDistance { get; init; } = 0.1;
    public double Spread { get; init; } = 1.0;
    /// <summary>Null: 500 epochs up to 10,000 samples, 200 beyond.</summary>
    public int? Epochs { get; init; }
    public double LearningRate { get; init; } = 1.0;
    public int NegativeSampleRate { get; init; } = 5;
    public double RepulsionStrength { get; init; } = 1.0;
    public int Seed { get; init; }
    /// <summary>Called with (stage, done, total); stages are "neighbours", "graph", "initialisation" and "epochs".</summary>
    public Action<string, long, long>? Progress { get; init; }
    public CancellationToken Cancellation { get; init; }
}

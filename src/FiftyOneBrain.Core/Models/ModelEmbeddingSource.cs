using FiftyOneBrain.Brain;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Imaging;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Models;

/// <summary>
/// Uniqueness embeddings computed from the images by a model (FiftyOne's default uniqueness path).
/// An image that cannot be decoded is reported through <c>onFailure</c> and left out of the rows.
/// </summary>
public sealed class ModelEmbeddingSource(IImageModel model, int batchSize, Action<Sample, Exception> onFailure,
    Action<int>? onProgress = null, CancellationToken cancel = default, long maxPixels = ImageLimits.DefaultMaxPixels) : IEmbeddingSource
{
    // A new list per Load, so rows handed out by an earlier Load stay as they were.
    private List<Sample> _embedded = new();

    public string Description => $"model {model.Summary}";

    /// <summary>The samples whose images were embedded, in row order.</summary>
    public IReadOnlyList<Sample> RowsOf(IReadOnlyList<Sample> samples) => _embedded;

    public FloatMatrix Load(IReadOnlyList<Sample> samples)
    {
        _embedded = new List<Sample>();
        var dim = model.EmbeddingDimension;
        var rows = new List<float[]>(samples.Count);
        ImageInference.Run(model, samples, batchSize, InferenceOutputs.Embeddings,
            outputs => { _embedded.Add(outputs.Sample); rows.Add(outputs.Embedding!); },
            onFailure, onProgress, cancel, maxPixels);
        var data = new float[(long)rows.Count * dim];
        for (var i = 0; i < rows.Count; i++) rows[i].CopyTo(data.AsSpan(i * dim, dim));
        return new FloatMatrix(data, rows.Count, dim);
    }
}

using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>
/// Where uniqueness gets one embedding per sample, row i for samples[i]. Implementations: a sample field
/// (<see cref="FieldEmbeddingSource"/>), a .npy file (<see cref="NpyEmbeddingSource"/>); a model that embeds the
/// images (Core/Models) plugs in here as a third source.
/// </summary>
public interface IEmbeddingSource
{
    /// <summary>Says where the embeddings come from, for messages.</summary>
    string Description { get; }

    /// <summary>The N x D embeddings of <paramref name="samples"/>; throws <see cref="BrainInputException"/> when they cannot be had for every sample.</summary>
    FloatMatrix Load(IReadOnlyList<Sample> samples);
}

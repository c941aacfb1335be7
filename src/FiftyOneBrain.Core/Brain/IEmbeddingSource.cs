using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>
/// Where uniqueness gets one embedding per sample, row i for samples[i]. Implementations: a sample field
/// (<see cref="FieldEmbeddingSource"/>), a .npy file (<see cref="NpyEmbeddingSource"/>); a model that embeds the
/// images (<see cref="FiftyOneBrain.Models.ModelEmbeddingSource"/>) is the third.
/// </summary>
public interface IEmbeddingSource
{
    /// <summary>Says where the embeddings come from, for messages.</summary>
    string Description { get; }

    /// <summary>The N x D embeddings of <paramref name="samples"/>; throws <see cref="BrainInputException"/> when they cannot be had for every sample.</summary>
    FloatMatrix Load(IReadOnlyList<Sample> samples);

    /// <summary>The samples that rows of the last <see cref="Load"/> belong to (all of them unless a source skips some).</summary>
    IReadOnlyList<Sample> RowsOf(IReadOnlyList<Sample> samples) => samples;
}

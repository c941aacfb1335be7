using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>Embeddings from a NumPy .npy file (N x D float32/float64), row i belonging to the i-th input sample.</summary>
public sealed class NpyEmbeddingSource(string path) : IEmbeddingSource
{
    public string Path { get; } = path;
    public string Description => $"file '{Path}'";

    public FloatMatrix Load(IReadOnlyList<Sample> samples)
    {
        FloatMatrix matrix;
        try { matrix = NpyReader.ReadMatrix(Path); }
        catch (InvalidDataException e) { throw new BrainInputException("InvalidEmbeddingsFile", e.Message); }
        if (matrix.Rows != samples.Count)
            throw new BrainInputException("EmbeddingsCountMismatch",
                $"{Path} has {matrix.Rows} rows but {samples.Count} sample(s) came in; row i must be the embedding of the i-th sample.");
        for (long i = 0; i < matrix.Data.Length; i++)
            if (!float.IsFinite(matrix.Data[i]))
                throw new BrainInputException("NonFiniteEmbedding", $"{Path} row {i / matrix.Columns} holds {matrix.Data[i]}; embeddings must be finite.");
        return matrix;
    }
}

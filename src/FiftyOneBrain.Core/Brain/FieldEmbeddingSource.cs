using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>Embeddings stored on the samples as a numeric array field (double[] or float[]).</summary>
public sealed class FieldEmbeddingSource(string field) : IEmbeddingSource
{
    public string Field { get; } = field;
    public string Description => $"field '{Field}'";

    public FloatMatrix Load(IReadOnlyList<Sample> samples)
    {
        var missing = samples.Where(s => s.GetField(Field) is not (double[] or float[])).ToList();
        if (missing.Count > 0)
            throw new BrainInputException("MissingEmbedding",
                $"{missing.Count} of {samples.Count} sample(s) have no numeric array in field '{Field}' (first: {string.Join(", ", missing.Take(3).Select(s => $"'{s.Id}'"))}); every sample needs an embedding.");
        if (samples.Count == 0) return new FloatMatrix(Array.Empty<float>(), 0, 0);

        var dimension = Length(samples[0].GetField(Field)!);
        if (dimension == 0) throw new BrainInputException("EmptyEmbedding", $"Sample '{samples[0].Id}' field '{Field}' is an empty array.");
        var data = new float[(long)samples.Count * dimension];
        for (var i = 0; i < samples.Count; i++)
        {
            var value = samples[i].GetField(Field)!;
            if (Length(value) != dimension)
                throw new BrainInputException("EmbeddingLengthMismatch",
                    $"Sample '{samples[i].Id}' field '{Field}' has {Length(value)} values but sample '{samples[0].Id}' has {dimension}; all embeddings must have one length.");
            var row = data.AsSpan(i * dimension, dimension);
            if (value is float[] f) f.CopyTo(row);
            else
            {
                var d = (double[])value;
                for (var t = 0; t < dimension; t++) row[t] = (float)d[t];
            }
            foreach (var v in row)
                if (!float.IsFinite(v))
                    throw new BrainInputException("NonFiniteEmbedding", $"Sample '{samples[i].Id}' field '{Field}' holds {v}; embeddings must be finite (and fit in float32).");
        }
        return new FloatMatrix(data, samples.Count, dimension);
    }

    private static int Length(object value) => value is float[] f ? f.Length : ((double[])value).Length;
}

namespace FiftyOneBrain.Models;

/// <summary>Logits and/or embeddings of one batch, row-major (count x Classes, count x EmbeddingDimension).</summary>
public sealed record ModelOutputs(int Count, float[]? Logits, float[]? Embeddings);

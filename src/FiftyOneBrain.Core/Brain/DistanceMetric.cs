namespace FiftyOneBrain.Brain;

/// <summary>How far apart two (centred) embeddings are.</summary>
public enum DistanceMetric
{
    /// <summary>1 - cos(a, b), in 0..2; a vector with no length (equal to the mean) is at distance 1 from everything.</summary>
    Cosine,
    /// <summary>The straight-line distance |a - b|.</summary>
    Euclidean,
}

namespace FiftyOneBrain.Brain;

/// <summary>Two samples (by input index, First &lt; Second) and their distance.</summary>
public readonly record struct NeighborPair(int First, int Second, double Distance);

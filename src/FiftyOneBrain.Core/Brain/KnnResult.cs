namespace FiftyOneBrain.Brain;

/// <summary>The k nearest other samples of each sample: row-major N x k indices and distances, nearest first.</summary>
public sealed record KnnResult(int Count, int K, int[] Indices, double[] Distances)
{
    public ReadOnlySpan<double> DistancesOf(int row) => Distances.AsSpan(row * K, K);
    public ReadOnlySpan<int> IndicesOf(int row) => Indices.AsSpan(row * K, K);
}

/// <summary>Knobs of the blocked search; the defaults suit a 2-core machine.</summary>
public sealed record KnnOptions
{
    /// <summary>Rows per block: a tile is BlockSize x BlockSize float32 (16 MiB at 2048).</summary>
    public int BlockSize { get; init; } = 2048;
    /// <summary>Called on the calling thread after each tile with (tiles done, tiles in all).</summary>
    public Action<long, long>? Progress { get; init; }
    public CancellationToken Cancellation { get; init; }
}

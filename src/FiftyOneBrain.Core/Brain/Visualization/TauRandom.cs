namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// The Tausworthe generator umap-learn draws negative samples with (tau_rand_int): three 32-bit shift registers,
/// cheap and seedable, so the layout's negative samples follow from the seed alone.
/// </summary>
public struct TauRandom
{
    private long _s0, _s1, _s2;

    public TauRandom(long s0, long s1, long s2)
    {
        _s0 = s0; _s1 = s1; _s2 = s2;
    }

    public static TauRandom FromSeed(Random random) =>
        new(random.Next(int.MinValue, int.MaxValue), random.Next(int.MinValue, int.MaxValue), random.Next(int.MinValue, int.MaxValue));

    /// <summary>The next value, truncated to a signed 32-bit integer as umap-learn's compiled tau_rand_int returns it.</summary>
    public int Next()
    {
        _s0 = (((_s0 & 4294967294L) << 12) & 0xFFFFFFFFL) ^ ((((_s0 << 13) & 0xFFFFFFFFL) ^ _s0) >> 19);
        _s1 = (((_s1 & 4294967288L) << 4) & 0xFFFFFFFFL) ^ ((((_s1 << 2) & 0xFFFFFFFFL) ^ _s1) >> 25);
        _s2 = (((_s2 & 4294967280L) << 17) & 0xFFFFFFFFL) ^ ((((_s2 << 3) & 0xFFFFFFFFL) ^ _s2) >> 11);
        return unchecked((int)(_s0 ^ _s1 ^ _s2));
    }

    /// <summary>A vertex index in [0, n): umap-learn takes the value modulo n (numba's int modulo is Python's, non-negative).</summary>
    public int NextIndex(int n)
    {
        var r = Next() % n;
        return (int)(r < 0 ? r + n : r);
    }
}

using System.Numerics;
using System.Runtime.Intrinsics;

namespace FiftyOneBrain.Brain;

/// <summary>
/// The best few candidates per row seen so far, by a float32 similarity (larger = closer), kept sorted with ties
/// broken by the smaller index, so the final set does not depend on the order tiles arrive in.
/// Memory: N x capacity scores and indices, i.e. O(N*k).
/// </summary>
internal sealed unsafe class NeighborCandidates
{
    private readonly float[] _scores;
    private readonly int[] _indices;

    public NeighborCandidates(int rows, int capacity)
    {
        Rows = rows;
        Capacity = capacity;
        _scores = new float[(long)rows * capacity];
        _indices = new int[(long)rows * capacity];
        Array.Fill(_scores, float.NegativeInfinity);
        Array.Fill(_indices, -1);
    }

    public int Rows { get; }
    public int Capacity { get; }

    /// <summary>Candidate indices of a row, best first; -1 where fewer were seen.</summary>
    public ReadOnlySpan<int> IndicesOf(int row) => _indices.AsSpan((int)((long)row * Capacity), Capacity);

    private float Worst(int row) => _scores[(long)row * Capacity + Capacity - 1];

    private void Offer(int row, float score, int index)
    {
        var start = (long)row * Capacity;
        var pos = Capacity - 1;
        if (!Better(score, index, _scores[start + pos], _indices[start + pos])) return;
        while (pos > 0 && Better(score, index, _scores[start + pos - 1], _indices[start + pos - 1]))
        {
            _scores[start + pos] = _scores[start + pos - 1];
            _indices[start + pos] = _indices[start + pos - 1];
            pos--;
        }
        _scores[start + pos] = score;
        _indices[start + pos] = index;
    }

    private static bool Better(float score, int index, float otherScore, int otherIndex) =>
        score > otherScore || (score == otherScore && (otherIndex < 0 || index < otherIndex));

    /// <summary>
    /// Offers tile rows [rowFrom, rowTo) to the rows they belong to (global row = firstRow + r, column j = firstColumn + c).
    /// Most values fail one SIMD compare against the row's current worst; self-pairs are skipped.
    /// </summary>
    public void ScanRows(float* tile, int stride, int rowFrom, int rowTo, int columns, int firstRow, int firstColumn)
    {
        for (var r = rowFrom; r < rowTo; r++)
        {
            var row = firstRow + r;
            var p = tile + (long)r * stride;
            var threshold = Vector256.Create(Worst(row));
            var c = 0;
            for (; c + 8 <= columns; c += 8)
            {
                var mask = Vector256.GreaterThanOrEqual(Vector256.Load(p + c), threshold).ExtractMostSignificantBits();
                if (mask == 0) continue;
                while (mask != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    var column = firstColumn + c + lane;
                    if (column != row) Offer(row, p[c + lane], column);
                }
                threshold = Vector256.Create(Worst(row));
            }
            for (; c < columns; c++)
            {
                var column = firstColumn + c;
                if (column != row && p[c] >= Worst(row)) Offer(row, p[c], column);
            }
        }
    }

    /// <summary>
    /// Offers tile columns [columnFrom, columnTo) to the rows they belong to (global row = firstColumn + c), reading
    /// eight adjacent columns per load, the transpose of <see cref="ScanRows"/> without copying the tile.
    /// </summary>
    public void ScanColumns(float* tile, int stride, int columnFrom, int columnTo, int rows, int firstRow, int firstColumn)
    {
        var c = columnFrom;
        for (; c + 8 <= columnTo; c += 8)
        {
            var owner = firstColumn + c;
            var thresholds = Vector256.Create(Worst(owner), Worst(owner + 1), Worst(owner + 2), Worst(owner + 3),
                Worst(owner + 4), Worst(owner + 5), Worst(owner + 6), Worst(owner + 7));
            for (var r = 0; r < rows; r++)
            {
                var p = tile + (long)r * stride + c;
                var mask = Vector256.GreaterThanOrEqual(Vector256.Load(p), thresholds).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    Offer(owner + lane, p[lane], firstRow + r);
                    thresholds = thresholds.WithElement(lane, Worst(owner + lane));
                }
            }
        }
        for (; c < columnTo; c++)
        {
            var owner = firstColumn + c;
            for (var r = 0; r < rows; r++)
            {
                var v = tile[(long)r * stride + c];
                if (v >= Worst(owner)) Offer(owner, v, firstRow + r);
            }
        }
    }
}

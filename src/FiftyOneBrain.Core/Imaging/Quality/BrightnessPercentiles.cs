namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// cleanvision's dark and light scores: per-pixel brightness b = sqrt(0.241 R² + 0.691 G² + 0.068 B²) / 255
/// (a grey image: value / 255), then numpy's linear-interpolation percentiles of b over all pixels.
/// dark = 99th percentile (a dark image has hardly any bright pixel); light = 1 − 5th percentile.
/// The percentiles are found without sorting: 241 R² + 691 G² + 68 B² is an integer key in the same order as b,
/// counted in a coarse histogram and then, inside the one bucket that holds the wanted rank, a fine one.
/// </summary>
public static class BrightnessPercentiles
{
    private const int BucketBits = 12; // 15,876 coarse buckets: both histograms stay small (off the large-object heap)
    private const int MaxKey = 1000 * 255 * 255;

    /// <summary>99th percentile of pixel brightness, in [0, 1].</summary>
    public static double DarkScore(QualityImage image) => Percentiles(image, 99)[0];

    /// <summary>1 − 5th percentile of pixel brightness, in [0, 1].</summary>
    public static double LightScore(QualityImage image) => 1 - Percentiles(image, 5)[0];

    /// <summary>(dark, light) from one pass over the pixels for the coarse histogram and one for the fine.</summary>
    public static (double Dark, double Light) Scores(QualityImage image)
    {
        var p = Percentiles(image, 99, 5);
        return (p[0], 1 - p[1]);
    }

    /// <summary>numpy.percentile(b, percents) with its default linear method.</summary>
    public static double[] Percentiles(QualityImage image, params double[] percents)
    {
        var n = (long)image.Width * image.Height;
        var ranks = new List<long>();
        foreach (var percent in percents)
        {
            var lo = (long)Math.Floor((n - 1) * (percent / 100));
            ranks.Add(lo);
            ranks.Add(Math.Min(lo + 1, n - 1));
        }
        var values = image.Channels == 1 ? GreyAtRanks(image, ranks) : BrightnessAtRanks(image, ranks);
        var result = new double[percents.Length];
        for (var i = 0; i < percents.Length; i++)
        {
            var position = (n - 1) * (percents[i] / 100);
            result[i] = Lerp(values[2 * i], values[2 * i + 1], position - Math.Floor(position));
        }
        return result;
    }

    private static double[] GreyAtRanks(QualityImage image, List<long> ranks)
    {
        var histogram = new long[256];
        foreach (var v in image.Pixels.AsSpan(0, image.Width * image.Height)) histogram[v]++;
        return ranks.Select(r => ValueAtRank(histogram, r) / 255.0).ToArray();
    }

    /// <summary>The brightness a key stands for: sqrt(key / 1000) / 255.</summary>
    private static double Brightness(long key) => Math.Sqrt(key / 1000.0) / 255;

    /// <summary>numpy's _lerp: a + (b − a)·t, computed from the nearer end.</summary>
    private static double Lerp(double a, double b, double t)
    {
        var diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private static readonly int[] RedKey = Squares(241), GreenKey = Squares(691), BlueKey = Squares(68);

    private static int[] Squares(int weight) => Enumerable.Range(0, 256).Select(v => weight * v * v).ToArray();

    private static int Key(byte[] p, long o) => RedKey[p[o]] + GreenKey[p[o + 1]] + BlueKey[p[o + 2]];

    private static int ValueAtRank(long[] histogram, long rank)
    {
        long seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen > rank) return v;
        }
        return histogram.Length - 1;
    }

    /// <summary>The brightness of the pixels at the given 0-based ranks in ascending order.</summary>
    private static double[] BrightnessAtRanks(QualityImage image, List<long> ranks)
    {
        var n = (long)image.Width * image.Height;
        var stride = image.Channels;
        var pixels = image.Pixels;
        var coarse = new int[(MaxKey >> BucketBits) + 1];
        for (long i = 0, o = 0; i < n; i++, o += stride) coarse[Key(pixels, o) >> BucketBits]++;
        var buckets = new int[ranks.Count];
        var before = new long[ranks.Count];
        for (var r = 0; r < ranks.Count; r++)
        {
            long seen = 0;
            var b = 0;
            while (seen + coarse[b] <= ranks[r]) seen += coarse[b++];
            (buckets[r], before[r]) = (b, seen);
        }
        var distinct = buckets.Distinct().ToArray();
        var fine = new int[distinct.Length][];
        for (var d = 0; d < distinct.Length; d++) fine[d] = new int[1 << BucketBits];
        // The coarse counts are no longer needed: reuse the array as bucket → slot in fine (−1: not wanted).
        var slot = coarse;
        Array.Fill(slot, -1);
        for (var d = 0; d < distinct.Length; d++) slot[distinct[d]] = d;
        const int mask = (1 << BucketBits) - 1;
        for (long i = 0, o = 0; i < n; i++, o += stride)
        {
            var key = Key(pixels, o);
            var d = slot[key >> BucketBits];
            if (d >= 0) fine[d][key & mask]++;
        }
        var result = new double[ranks.Count];
        for (var r = 0; r < ranks.Count; r++)
        {
            var counts = fine[Array.IndexOf(distinct, buckets[r])];
            long seen = before[r];
            var v = 0;
            while (seen + counts[v] <= ranks[r]) seen += counts[v++];
            result[r] = Brightness(((long)buckets[r] << BucketBits) + v);
        }
        return result;
    }
}

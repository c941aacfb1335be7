using System.Text;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Imaging;

namespace FiftyOneBrain.Tests.Brain;

public sealed class ExactDuplicatesAndHashTests
{
    [Fact]
    public void Files_with_the_same_bytes_group_under_the_first_one()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            string Write(string name, string text) { var p = Path.Combine(dir.FullName, name); File.WriteAllText(p, text); return p; }
            string[] paths = [Write("a", "abc"), Write("b", "abd"), Write("c", "abc"), Path.Combine(dir.FullName, "missing"), Write("e", "abc")];
            var (hashes, failures) = ExactDuplicates.Hash(paths);
            Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", Convert.ToHexString(hashes[0]!));
            Assert.Null(hashes[3]);
            Assert.IsType<FileNotFoundException>(failures[3]);
            Assert.Equal([-1, -1, 0, -1, 0], ExactDuplicates.Group(hashes));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Hamming_pairs_are_the_hashes_within_the_bit_distance()
    {
        ulong[] hashes = [0b0, 0b1, 0b11, ulong.MaxValue];
        Assert.Equal([new NeighborPair(0, 1, 1), new NeighborPair(1, 2, 1)], HammingPairs.Find(hashes, 1));
        Assert.Equal(6, HammingPairs.Find(hashes, 64).Count);
        Assert.Equal(64, PerceptualHash.Distance(0, ulong.MaxValue));
    }

    private static double[] SmoothImage(int seed)
    {
        var r = new Random(seed);
        var (a, b, c) = (r.NextDouble() * 6, r.NextDouble() * 6, r.NextDouble() * 6);
        return Enumerable.Range(0, 1024).Select(p => 128 + 60 * Math.Sin(a * (p % 32) / 32 + c) * Math.Cos(b * (p / 32) / 32) + 30 * r.NextDouble()).ToArray();
    }

    [Fact]
    public void A_brighter_copy_has_the_same_hash_and_a_mirrored_copy_a_far_one()
    {
        var image = SmoothImage(5);
        var brighter = image.Select(v => v + 20).ToArray();
        var mirrored = Enumerable.Range(0, 1024).Select(p => image[p / 32 * 32 + 31 - p % 32]).ToArray();
        // A constant only moves the DC coefficient, the largest either way; a mirror negates every odd horizontal frequency.
        Assert.Equal(PerceptualHash.OfGrey(image), PerceptualHash.OfGrey(brighter));
        Assert.True(PerceptualHash.Distance(PerceptualHash.OfGrey(image), PerceptualHash.OfGrey(mirrored)) >= 10);
        Assert.True(PerceptualHash.Distance(PerceptualHash.OfGrey(image), PerceptualHash.OfGrey(SmoothImage(6))) >= 10);
    }

    [Fact]
    public void Half_the_bits_are_set_since_the_median_splits_the_coefficients()
    {
        var hash = PerceptualHash.OfGrey(SmoothImage(9));
        Assert.Equal(32, System.Numerics.BitOperations.PopCount(hash));
    }
}

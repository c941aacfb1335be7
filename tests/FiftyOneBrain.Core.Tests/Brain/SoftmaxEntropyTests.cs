using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class SoftmaxEntropyTests
{
    [Fact]
    public void Uniform_logits_have_entropy_ln_K()
    {
        Assert.Equal(Math.Log(4), SoftmaxEntropy.Entropy(new[] { 2.0, 2.0, 2.0, 2.0 }), 14);
        Assert.Equal(new[] { 0.25, 0.25, 0.25, 0.25 }, SoftmaxEntropy.Softmax(new[] { -7.0, -7.0, -7.0, -7.0 }));
    }

    [Fact]
    public void Logits_0_and_ln3_give_a_quarter_and_three_quarters()
    {
        var logits = new[] { 0.0, Math.Log(3) };
        var p = SoftmaxEntropy.Softmax(logits);
        Assert.Equal(0.25, p[0], 14);
        Assert.Equal(0.75, p[1], 14);
        // -(0.25 ln 0.25 + 0.75 ln 0.75)
        Assert.Equal(0.5623351446188083, SoftmaxEntropy.Entropy(logits), 14);
        Assert.Equal(0.5623351446188083, SoftmaxEntropy.EntropyOfProbabilities(p), 14);
    }

    [Fact]
    public void Very_confident_logits_do_not_overflow()
    {
        Assert.Equal(new[] { 1.0, 0.0, 0.0 }, SoftmaxEntropy.Softmax(new[] { 1000.0, 0.0, 0.0 }));
        Assert.Equal(0.0, SoftmaxEntropy.Entropy(new[] { 1000.0, 0.0, 0.0 }));
        Assert.Equal(new[] { 0.5, 0.5 }, SoftmaxEntropy.Softmax(new[] { 1000.0, 1000.0 }));
        Assert.Equal(Math.Log(2), SoftmaxEntropy.Entropy(new[] { -1000.0, -1000.0 }), 14);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_logits_are_rejected(double bad)
    {
        var e = Assert.Throws<ArgumentException>(() => SoftmaxEntropy.Entropy(new[] { 0.0, bad }));
        Assert.Contains("finite", e.Message);
        Assert.Throws<ArgumentException>(() => SoftmaxEntropy.Softmax(new[] { bad, 1.0 }));
    }

    [Fact]
    public void Empty_logits_are_rejected() =>
        Assert.Throws<ArgumentException>(() => SoftmaxEntropy.Entropy(ReadOnlySpan<double>.Empty));
}

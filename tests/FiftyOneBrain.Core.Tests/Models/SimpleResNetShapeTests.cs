using FiftyOneBrain.Models;
using TorchSharp;

namespace FiftyOneBrain.Tests.Models;

public sealed class SimpleResNetShapeTests
{
    [Fact]
    public void Full_width_has_DESIGN_channels_and_counted_multiply_adds()
    {
        var shape = new SimpleResNetShape(1.0, 10);
        Assert.Equal([64, 128, 256, 512], shape.Channels);
        Assert.Equal(512, shape.EmbeddingDimension);
        // 32*32*3*64*9 + five 75,497,472-MAC convolution stages (see SimpleResNetShape) + 512*10 classifier
        Assert.Equal(1_769_472L + 5 * 75_497_472L + 5_120L, shape.MultiplyAdds);
    }

    [Fact]
    public void Quarter_width_has_a_128_d_embedding()
    {
        var shape = new SimpleResNetShape(0.25, 10);
        Assert.Equal([16, 32, 64, 128], shape.Channels);
        Assert.Equal(128, shape.EmbeddingDimension);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(5.0)]
    public void Width_out_of_range_is_rejected(double width) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleResNetShape(width, 10));

    [Fact]
    public void Parameter_count_matches_the_network_and_outputs_have_the_right_shapes()
    {
        TorchRuntime.EnsureLoaded();
        var shape = new SimpleResNetShape(0.25, 7);
        using var net = new SimpleResNet(shape);
        var trainable = net.parameters().Sum(p => p.numel());
        Assert.Equal(shape.Parameters, trainable);

        net.eval();
        using var noGrad = torch.no_grad();
        using var x = torch.randn(3, 3, 32, 32);
        using var embedding = net.Embed(x);
        using var logits = net.forward(x);
        Assert.Equal(new long[] { 3, 128 }, embedding.shape);
        Assert.Equal(new long[] { 3, 7 }, logits.shape);
        // the embedding is a max over ReLU outputs plus a residual of ReLU outputs: never negative
        Assert.True(embedding.min().item<float>() >= 0);
    }
}

namespace FiftyOneBrain.Models;

/// <summary>
/// The size of a <see cref="SimpleResNet"/>: width multiplier and class count, and what follows from
/// them (channels per stage, embedding size, multiply-adds). Pure arithmetic, no libtorch.
/// </summary>
public sealed record SimpleResNetShape
{
    /// <summary>The architecture's name in model file headers.</summary>
    public const string ArchitectureName = "SimpleResNet";
    /// <summary>Logits are the bias-free linear layer's output times this.</summary>
    public const double LogitScale = 0.125;
    public const int InputSize = 32;
    private static readonly int[] FullWidthChannels = [64, 128, 256, 512];

    public SimpleResNetShape(double width, int classes)
    {
        if (!(width > 0) || width > 4) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be in (0, 4]; 1 is the 64-128-256-512 network.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "A classifier needs at least 2 classes.");
        Width = width;
        Classes = classes;
        Channels = FullWidthChannels.Select(c => Math.Max(4, (int)Math.Round(c * width))).ToArray();
    }

    public double Width { get; }
    public int Classes { get; }

    /// <summary>Output channels of prep, layer1, layer2, layer3.</summary>
    public IReadOnlyList<int> Channels { get; }

    public int EmbeddingDimension => Channels[3];

    /// <summary>
    /// Multiply-adds of one forward pass on a 32x32 image: the eight 3x3 convolutions (at 32, 32, 16,
    /// 16, 16, 8, 4, 4 pixels square) and the classifier; batch norm, ReLU and pooling are a rounding error.
    /// </summary>
    public long MultiplyAdds
    {
        get
        {
            var c = Channels;
            long Conv(int side, int cin, int cout) => (long)side * side * cin * cout * 9;
            return Conv(32, 3, c[0]) + Conv(32, c[0], c[1]) + 2 * Conv(16, c[1], c[1])
                 + Conv(16, c[1], c[2]) + Conv(8, c[2], c[3]) + 2 * Conv(4, c[3], c[3])
                 + (long)c[3] * Classes;
        }
    }

    /// <summary>Trainable parameters: conv kernels, batch-norm scale and shift, classifier.</summary>
    public long Parameters
    {
        get
        {
            var c = Channels;
            long Block(int cin, int cout) => (long)cin * cout * 9 + 2L * cout;
            return Block(3, c[0]) + Block(c[0], c[1]) + 2 * Block(c[1], c[1]) + Block(c[1], c[2])
                 + Block(c[2], c[3]) + 2 * Block(c[3], c[3]) + (long)c[3] * Classes;
        }
    }
}

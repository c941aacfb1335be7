using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FiftyOneBrain.Models;

/// <summary>
/// The cifar10-fast ResNet behind FiftyOne's default uniqueness model (see DESIGN.md), with a width
/// multiplier: width 1 is 64-128-256-512 channels; width 0.25 is 16-32-64-128. The embedding is the
/// global max-pool of the last layer (its channel count); logits are a bias-free linear layer times 0.125.
/// </summary>
public sealed class SimpleResNet : nn.Module<Tensor, Tensor>
{
    public const string ArchitectureName = "SimpleResNet";
    private const double LogitScale = 0.125;

    private readonly ConvBnRelu prep, layer1, res1a, res1b, layer2, layer3, res3a, res3b;
    private readonly Linear classifier;

    public SimpleResNet(SimpleResNetShape shape) : base(ArchitectureName)
    {
        Shape = shape;
        var c = shape.Channels;
        prep = new ConvBnRelu(3, c[0]);
        layer1 = new ConvBnRelu(c[0], c[1]);
        res1a = new ConvBnRelu(c[1], c[1]);
        res1b = new ConvBnRelu(c[1], c[1]);
        layer2 = new ConvBnRelu(c[1], c[2]);
        layer3 = new ConvBnRelu(c[2], c[3]);
        res3a = new ConvBnRelu(c[3], c[3]);
        res3b = new ConvBnRelu(c[3], c[3]);
        classifier = nn.Linear(c[3], shape.Classes, hasBias: false);
        RegisterComponents();
    }

    public SimpleResNetShape Shape { get; }

    /// <summary>Images [N,3,32,32] (normalised) to embeddings [N, EmbeddingDimension].</summary>
    public Tensor Embed(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = prep.forward(x);
        h = nn.functional.max_pool2d(layer1.forward(h), 2);
        h = h + res1b.forward(res1a.forward(h));
        h = nn.functional.max_pool2d(layer2.forward(h), 2);
        h = nn.functional.max_pool2d(layer3.forward(h), 2);
        h = h + res3b.forward(res3a.forward(h));
        return h.amax([2, 3]).MoveToOuterDisposeScope();
    }

    /// <summary>Logits of embeddings from <see cref="Embed"/>.</summary>
    public Tensor Classify(Tensor embedding) => classifier.forward(embedding).mul(LogitScale);

    public override Tensor forward(Tensor x)
    {
        using var embedding = Embed(x);
        return Classify(embedding);
    }

    /// <summary>conv3x3 (no bias, padding 1) - BatchNorm - ReLU.</summary>
    private sealed class ConvBnRelu : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv;
        private readonly BatchNorm2d bn;

        public ConvBnRelu(long inChannels, long outChannels) : base(nameof(ConvBnRelu))
        {
            conv = nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false);
            bn = nn.BatchNorm2d(outChannels);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var c = conv.forward(x);
            using var b = bn.forward(c);
            return nn.functional.relu(b);
        }
    }
}

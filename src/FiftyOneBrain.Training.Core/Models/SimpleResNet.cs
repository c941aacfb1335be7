using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FiftyOneBrain.Models;

/// <summary>
/// The cifar10-fast ResNet behind FiftyOne's default uniqueness model (see DESIGN.md), with a width
/// multiplier: width 1 is 64-128-256-512 channels; width 0.25 is 16-32-64-128. The embedding is the
/// global max-pool of the last layer (its channel count); logits are a bias-free linear layer times 0.125.
/// Every number passed to libtorch here is a Scalar owned by <see cref="TorchScalars"/>, never an implicit conversion.
/// </summary>
public sealed class SimpleResNet : nn.Module<Tensor, Tensor>
{
    public const string ArchitectureName = SimpleResNetShape.ArchitectureName;
    internal const double LogitScale = SimpleResNetShape.LogitScale;

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
        h = h.add(res1b.forward(res1a.forward(h)), TorchScalars.One);
        h = nn.functional.max_pool2d(layer2.forward(h), 2);
        h = nn.functional.max_pool2d(layer3.forward(h), 2);
        h = h.add(res3b.forward(res3a.forward(h)), TorchScalars.One);
        return h.amax([2, 3]).MoveToOuterDisposeScope();
    }

    /// <summary>Logits of embeddings from <see cref="Embed"/>.</summary>
    public Tensor Classify(Tensor embedding)
    {
        using var scores = classifier.forward(embedding);
        return scores.mul(TorchScalars.LogitScale);
    }

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
            using var b = BatchNorm(c);
            return nn.functional.relu(b);
        }

        /// <summary>
        /// What TorchSharp's BatchNorm2d.forward does (same batch_norm call, same state), except that the count of
        /// training batches goes up by owned Scalars: its own num_batches_tracked.add_(1) makes two temporary ones.
        /// </summary>
        private Tensor BatchNorm(Tensor input)
        {
            if (bn.training && bn.track_running_stats && bn.num_batches_tracked is { } batches)
                batches.add_(TorchScalars.One, TorchScalars.One);
            var momentum = bn.momentum ?? throw new InvalidOperationException("SimpleResNet's batch norm uses a fixed momentum.");
            return nn.functional.batch_norm(input, bn.running_mean, bn.running_var, bn.weight, bn.bias, bn.training, momentum, bn.eps);
        }
    }
}

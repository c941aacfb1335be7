using FiftyOneBrain.Models.Onnx.Writing;

namespace FiftyOneBrain.Models.Onnx;

/// <summary>
/// SimpleResNet (the TorchSharp module training builds) as an ONNX graph, from a .fomodel's weights: the same layers in eval mode
/// (Conv 3x3 pad 1 without bias, BatchNormalization with the running statistics, Relu; 2x2 max pools; the two
/// residual sums; global max pool), with two outputs: <see cref="EmbeddingOutput"/> and <see cref="LogitsOutput"/>
/// (bias-free linear times <see cref="SimpleResNetShape.LogitScale"/>). The weights must match the shape exactly, as
/// TorchSharp's strict load demands.
/// </summary>
public static class SimpleResNetOnnx
{
    public const string ImageInput = "image", EmbeddingOutput = "embedding", LogitsOutput = "logits";

    /// <summary>TorchSharp's BatchNorm2d default, which SimpleResNet keeps.</summary>
    internal const float BatchNormEpsilon = 1e-5f;

    private static readonly string[] Blocks = ["prep", "layer1", "res1a", "res1b", "layer2", "layer3", "res3a", "res3b"];

    /// <exception cref="InvalidDataException">The weights do not fit <paramref name="shape"/>.</exception>
    public static byte[] Build(SimpleResNetShape shape, IReadOnlyDictionary<string, StateTensor> weights, string path)
    {
        var expected = ExpectedShapes(shape);
        var problems = expected.Where(e => !weights.TryGetValue(e.Key, out var t) || !t.Shape.SequenceEqual(e.Value) || (t.Values is null && !e.Key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)))
            .Select(e => weights.TryGetValue(e.Key, out var t) ? $"{e.Key} is [{string.Join(",", t.Shape)}], expected [{string.Join(",", e.Value)}]" : $"{e.Key} is missing")
            .Concat(weights.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"{k} is unexpected"))
            .ToList();
        if (problems.Count > 0)
            throw new InvalidDataException($"Model weights do not match the header ({SimpleResNetShape.ArchitectureName}, {shape.Channels[3]} channels, {shape.Classes} classes) or are damaged: {path}. {string.Join("; ", problems.Take(5))}");

        var g = new OnnxGraph(SimpleResNetShape.ArchitectureName);
        var size = SimpleResNetShape.InputSize;
        var h = g.Input(ImageInput, "batch", 3, size, size);
        string Weight(string name) => g.Weight(name, weights[name].Shape, weights[name].Values!);
        string Block(string block, string x)
        {
            var conv = g.Node("Conv", [x, Weight($"{block}.conv.weight")], null, OnnxAttribute.Of("kernel_shape", 3L, 3L), OnnxAttribute.Of("pads", 1L, 1L, 1L, 1L));
            var bn = g.Node("BatchNormalization",
                [conv, Weight($"{block}.bn.weight"), Weight($"{block}.bn.bias"), Weight($"{block}.bn.running_mean"), Weight($"{block}.bn.running_var")],
                null, OnnxAttribute.Of("epsilon", BatchNormEpsilon));
            return g.Node("Relu", [bn]);
        }
        string Pool(string x) => g.Node("MaxPool", [x], null, OnnxAttribute.Of("kernel_shape", 2L, 2L), OnnxAttribute.Of("strides", 2L, 2L));

        h = Block("prep", h);
        h = Pool(Block("layer1", h));
        h = g.Node("Add", [h, Block("res1b", Block("res1a", h))]);
        h = Pool(Block("layer2", h));
        h = Pool(Block("layer3", h));
        h = g.Node("Add", [h, Block("res3b", Block("res3a", h))]);
        var embedding = g.Node("Flatten", [g.Node("GlobalMaxPool", [h])], EmbeddingOutput, OnnxAttribute.Of("axis", 1L));
        g.Node("Gemm", [embedding, Weight("classifier.weight")], LogitsOutput,
            OnnxAttribute.Of("transB", 1L), OnnxAttribute.Of("alpha", (float)SimpleResNetShape.LogitScale));
        g.Output(EmbeddingOutput, "batch", shape.EmbeddingDimension);
        g.Output(LogitsOutput, "batch", shape.Classes);
        return OnnxModelWriter.Write(g);
    }

    /// <summary>Every tensor TorchSharp's state dict of a SimpleResNet of this shape holds, with its shape.</summary>
    private static Dictionary<string, long[]> ExpectedShapes(SimpleResNetShape shape)
    {
        var c = shape.Channels;
        int[] inputs = [3, c[0], c[1], c[1], c[1], c[2], c[3], c[3]];
        int[] outputs = [c[0], c[1], c[1], c[1], c[2], c[3], c[3], c[3]];
        var expected = new Dictionary<string, long[]>(StringComparer.Ordinal);
        for (var b = 0; b < Blocks.Length; b++)
        {
            var name = Blocks[b];
            expected[$"{name}.conv.weight"] = [outputs[b], inputs[b], 3, 3];
            foreach (var p in new[] { "weight", "bias", "running_mean", "running_var" }) expected[$"{name}.bn.{p}"] = [outputs[b]];
            expected[$"{name}.bn.num_batches_tracked"] = [];
        }
        expected["classifier.weight"] = [shape.Classes, c[3]];
        return expected;
    }
}

namespace FiftyOneBrain.Models.Onnx.Writing;

/// <summary>One dimension of a graph input or output: a fixed size or a named dynamic one.</summary>
internal readonly record struct OnnxDimension(long? Size, string? Name)
{
    public static implicit operator OnnxDimension(long size) => new(size, null);
    public static implicit operator OnnxDimension(string name) => new(null, name);
}

/// <summary>A node attribute: an int, a float or a list of ints (all SimpleResNet and Gemm need).</summary>
internal sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);
    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);
    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);
}

internal sealed record OnnxNode(string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes);

/// <summary>A float32 constant of the graph (weights), row-major.</summary>
internal sealed record OnnxInitializer(string Name, long[] Dimensions, float[] Values);

internal sealed record OnnxValue(string Name, OnnxDimension[] Shape);

/// <summary>
/// A float32 ONNX graph being built: inputs, outputs, weights and nodes in topological order (the caller adds them
/// in order). <see cref="OnnxModelWriter"/> turns it into a model file's bytes.
/// </summary>
internal sealed class OnnxGraph(string name)
{
    private int _next;

    public string Name { get; } = name;
    public List<OnnxValue> Inputs { get; } = [];
    public List<OnnxValue> Outputs { get; } = [];
    public List<OnnxInitializer> Initializers { get; } = [];
    public List<OnnxNode> Nodes { get; } = [];

    public string Input(string name, params OnnxDimension[] shape)
    {
        Inputs.Add(new OnnxValue(name, shape));
        return name;
    }

    public void Output(string name, params OnnxDimension[] shape) => Outputs.Add(new OnnxValue(name, shape));

    public string Weight(string name, long[] dimensions, float[] values)
    {
        if (dimensions.Aggregate(1L, (a, d) => a * d) != values.Length)
            throw new ArgumentException($"Weight {name}: {values.Length} values for dimensions [{string.Join(",", dimensions)}].", nameof(values));
        Initializers.Add(new OnnxInitializer(name, dimensions, values));
        return name;
    }

    /// <summary>Adds a node with one output; returns the output's name (<paramref name="output"/> or a fresh one).</summary>
    public string Node(string opType, string[] inputs, string? output = null, params OnnxAttribute[] attributes)
    {
        output ??= $"{opType.ToLowerInvariant()}_{_next++}";
        Nodes.Add(new OnnxNode(opType, inputs, [output], attributes));
        return output;
    }
}

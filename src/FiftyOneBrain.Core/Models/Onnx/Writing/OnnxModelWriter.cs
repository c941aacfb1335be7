using System.Runtime.InteropServices;

namespace FiftyOneBrain.Models.Onnx.Writing;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX ModelProto (field numbers of onnx/onnx's onnx.proto), float32
/// tensors only, default operator domain. Weights go in raw_data (little-endian float32, as ONNX specifies).
/// </summary>
internal static class OnnxModelWriter
{
    /// <summary>IR version 8 and opset 17: read by every ONNX Runtime since 1.13.</summary>
    public const long IrVersion = 8, Opset = 17;
    private const int FloatType = 1; // TensorProto.DataType.FLOAT
    private const int AttributeFloat = 1, AttributeInt = 2, AttributeInts = 7; // AttributeProto.AttributeType

    public static byte[] Write(OnnxGraph graph, string producer = "FiftyOneBrain")
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian.");
        var model = new ProtoWriter()
            .Int64(1, IrVersion)                                       // ModelProto.ir_version
            .String(2, producer)                                       // ModelProto.producer_name
            .Message(7, g => WriteGraph(g, graph))                     // ModelProto.graph
            .Message(8, o => o.String(1, "").Int64(2, Opset));         // ModelProto.opset_import: domain, version
        return model.ToArray();
    }

    private static void WriteGraph(ProtoWriter w, OnnxGraph graph)
    {
        foreach (var node in graph.Nodes) w.Message(1, n => WriteNode(n, node));  // GraphProto.node
        w.String(2, graph.Name);                                                  // GraphProto.name
        foreach (var t in graph.Initializers) w.Message(5, x => WriteTensor(x, t)); // GraphProto.initializer
        foreach (var v in graph.Inputs) w.Message(11, x => WriteValue(x, v));      // GraphProto.input
        foreach (var v in graph.Outputs) w.Message(12, x => WriteValue(x, v));     // GraphProto.output
    }

    private static void WriteNode(ProtoWriter w, OnnxNode node)
    {
        foreach (var i in node.Inputs) w.String(1, i);   // NodeProto.input
        foreach (var o in node.Outputs) w.String(2, o);  // NodeProto.output
        w.String(4, node.OpType);                        // NodeProto.op_type
        foreach (var a in node.Attributes) w.Message(5, x => WriteAttribute(x, a)); // NodeProto.attribute
    }

    private static void WriteAttribute(ProtoWriter w, OnnxAttribute a)
    {
        w.String(1, a.Name); // AttributeProto.name
        if (a.Int is { } i) w.Int64(3, i).Int64(20, AttributeInt);            // i, type
        else if (a.Float is { } f) w.Float(2, f).Int64(20, AttributeFloat);   // f, type
        else if (a.Ints is { } ints) w.PackedInt64(8, ints).Int64(20, AttributeInts); // ints, type
        else throw new ArgumentException($"Attribute {a.Name} has no value.", nameof(a));
    }

    private static void WriteTensor(ProtoWriter w, OnnxInitializer t)
    {
        w.PackedInt64(1, t.Dimensions)                          // TensorProto.dims
         .Int64(2, FloatType)                                   // TensorProto.data_type
         .String(8, t.Name)                                     // TensorProto.name
         .Bytes(9, MemoryMarshal.AsBytes(t.Values.AsSpan()));   // TensorProto.raw_data
    }

    private static void WriteValue(ProtoWriter w, OnnxValue v)
    {
        w.String(1, v.Name);                                    // ValueInfoProto.name
        w.Message(2, type => type.Message(1, tensor =>          // ValueInfoProto.type, TypeProto.tensor_type
        {
            tensor.Int64(1, FloatType);                         // TypeProto.Tensor.elem_type
            tensor.Message(2, shape =>                          // TypeProto.Tensor.shape
            {
                foreach (var d in v.Shape)
                    shape.Message(1, dim =>                     // TensorShapeProto.dim
                    {
                        if (d.Size is { } size) dim.Int64(1, size); // dim_value
                        else dim.String(2, d.Name ?? "?");          // dim_param
                    });
            });
        }));
    }
}

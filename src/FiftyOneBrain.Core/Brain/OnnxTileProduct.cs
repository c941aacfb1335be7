using FiftyOneBrain.Models.Onnx.Writing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FiftyOneBrain.Brain;

/// <summary>
/// <see cref="ITileProduct"/> on ONNX Runtime: a one-node graph, Gemm(rows, columns, transB=1), built in memory and
/// run by MLAS's multi-threaded sgemm. One session for the scan; the tensors are views over the caller's memory
/// (no copies), kept between calls while the caller passes the same buffers with the same shape. Intra-op threads
/// do not spin after a product, so the scan's own threads get the cores between products.
/// </summary>
internal sealed unsafe class OnnxTileProduct : ITileProduct
{
    private static readonly byte[] Graph = BuildGraph();
    private static readonly string[] InputNames = ["rows", "columns"];
    private static readonly string[] OutputNames = ["tile"];

    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly TensorView _rows = new(), _columns = new(), _tile = new();
    private readonly OrtValue[] _inputs = new OrtValue[2];
    private readonly OrtValue[] _outputs = new OrtValue[1];

    public OnnxTileProduct(int threads = 0)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(Graph, options);
    }

    public void Multiply(ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> columns, int columnCount, int width, Span<float> tile)
    {
        if (rowCount < 1 || columnCount < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(rowCount), "A tile needs at least one row, column and value.");
        if (rows.Length < rowCount * width || columns.Length < columnCount * width || tile.Length < rowCount * columnCount)
            throw new ArgumentException("A block or the tile is shorter than its shape.");
        fixed (float* r = rows, c = columns, t = tile)
        {
            _inputs[0] = _rows.Over(r, rowCount, width);
            _inputs[1] = _columns.Over(c, columnCount, width);
            _outputs[0] = _tile.Over(t, rowCount, columnCount);
            _session.Run(_run, InputNames, _inputs, OutputNames, _outputs);
        }
    }

    public void Dispose()
    {
        _rows.Dispose();
        _columns.Dispose();
        _tile.Dispose();
        _session.Dispose();
        _run.Dispose();
    }

    private static byte[] BuildGraph()
    {
        var g = new OnnxGraph("tile-product");
        var rows = g.Input("rows", "rowCount", "width");
        var columns = g.Input("columns", "columnCount", "width");
        g.Node("Gemm", [rows, columns], "tile", OnnxAttribute.Of("transB", 1L));
        g.Output("tile", "rowCount", "columnCount");
        return OnnxModelWriter.Write(g);
    }

    /// <summary>A float32 matrix OrtValue over native memory, rebuilt only when the address or shape changes.</summary>
    private sealed class TensorView : IDisposable
    {
        private readonly long[] _shape = new long[2];
        private float* _at;
        private OrtValue? _value;

        public OrtValue Over(float* at, int rows, int columns)
        {
            if (_value is not null && _at == at && _shape[0] == rows && _shape[1] == columns) return _value;
            _value?.Dispose();
            _at = at;
            _shape[0] = rows;
            _shape[1] = columns;
            _value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, _shape, (IntPtr)at, (long)rows * columns * sizeof(float));
            return _value;
        }

        public void Dispose() => _value?.Dispose();
    }
}

using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace FiftyOneBrain.Models.Onnx;

/// <summary>
/// A .fomodel run by ONNX Runtime instead of libtorch: the header as written, the weights read from TorchSharp's
/// state-dict stream and turned into the <see cref="SimpleResNetOnnx"/> graph in memory when loading (converted
/// once per file version and cached). Images are decoded and normalised exactly as for TorchSharp's ImageClassifier
/// (the header's preprocessing), so both give the same logits and embeddings.
/// </summary>
public sealed class SimpleResNetOnnxModel : IImageModel
{
    private static readonly ConcurrentDictionary<(string Path, DateTime Written, long Length), byte[]> Converted = new();

    private readonly byte[] _graph;
    private readonly RunOptions _run = new();
    private InferenceSession _session;
    private int _threads;

    private SimpleResNetOnnxModel(ModelHeader header, string path, byte[] graph)
    {
        Header = header;
        Path = path;
        _graph = graph;
        _threads = 1;
        _session = Open(graph, _threads, path);
    }

    public ModelHeader Header { get; }
    public string Path { get; }
    public IReadOnlyList<string> Classes => Header.Classes;
    public SimpleResNetShape Shape => Header.Shape;
    public int EmbeddingDimension => Shape.EmbeddingDimension;
    public ImagePreprocessing Decoding => Header.Preprocessing;
    public string Summary => $"{Header.Architecture} x{Header.Width} ({Header.Classes.Length} classes) {Path} on ONNX Runtime";

    /// <summary>The ONNX model bytes this file converts to (for tests and for writing it out).</summary>
    public ReadOnlyMemory<byte> OnnxModel => _graph;

    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Damaged file, unsupported architecture, or weights that do not fit the header.</exception>
    /// <exception cref="OnnxRuntimeUnavailableException">ONNX Runtime's native library does not load.</exception>
    public static SimpleResNetOnnxModel Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        ModelHeader header;
        byte[] graph;
        using (var stream = ModelFile.OpenExisting(full))
        {
            header = ModelFile.ReadHeader(stream, path);
            var info = new FileInfo(full);
            var key = (full, info.LastWriteTimeUtc, info.Length);
            if (!Converted.TryGetValue(key, out graph!))
            {
                graph = SimpleResNetOnnx.Build(header.Shape, TorchStateDict.Read(stream, path), path);
                if (stream.Position != stream.Length) throw new InvalidDataException($"Model file has {stream.Length - stream.Position} bytes after its weights: {path}");
                Converted[key] = graph;
            }
        }
        return new SimpleResNetOnnxModel(header, full, graph);
    }

    /// <summary>
    /// One thread for small batches, every core for large ones (the threshold measured for SimpleResNet on 2 cores),
    /// since the decoding thread needs a core too.
    /// </summary>
    public void PrepareFor(int batchSize)
    {
        var threads = (double)Shape.MultiplyAdds * batchSize >= ParallelThreshold ? Math.Max(1, Environment.ProcessorCount) : 1;
        if (threads == _threads) return;
        var session = Open(_graph, threads, Path);
        _session.Dispose();
        (_session, _threads) = (session, threads);
    }

    /// <summary>Multiply-adds per call below which one thread beats all cores (measured on 2 cores for SimpleResNet).</summary>
    internal const double ParallelThreshold = 4e9;

    public ModelOutputs Run(ReadOnlySpan<float> pixels, int count, bool logits, bool embeddings)
    {
        if (count == 0) return new ModelOutputs(0, logits ? [] : null, embeddings ? [] : null);
        var size = Decoding.Size;
        var input = pixels[..(count * Decoding.ValuesPerImage)].ToArray();
        using var value = OrtValue.CreateTensorValueFromMemory(input, [count, 3, size, size]);
        var names = new List<string>(2);
        if (logits) names.Add(SimpleResNetOnnx.LogitsOutput);
        if (embeddings || names.Count == 0) names.Add(SimpleResNetOnnx.EmbeddingOutput);
        using var results = _session.Run(_run, [SimpleResNetOnnx.ImageInput], [value], names);
        float[]? logitValues = logits ? results[0].GetTensorDataAsSpan<float>().ToArray() : null;
        float[]? embeddingValues = embeddings ? results[names.Count - 1].GetTensorDataAsSpan<float>().ToArray() : null;
        return new ModelOutputs(count, logitValues, embeddingValues);
    }

    private static InferenceSession Open(byte[] graph, int threads, string path)
    {
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            return new InferenceSession(graph, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"Model weights could not be run as ONNX: {path}. {e.Message}", e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeUnavailableException($"ONNX Runtime could not be loaded: {e.GetBaseException().Message}", e);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }
}

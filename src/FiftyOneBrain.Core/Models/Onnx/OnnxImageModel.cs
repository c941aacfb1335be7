using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FiftyOneBrain.Models.Onnx;

/// <summary>
/// One or more ONNX models run in sequence on images (the first takes the image tensor, each next one the previous
/// one's output, as the packaged ResNet18 runs its preprocessing graph then the network). Everything that can be
/// checked is checked when loading, before any image is read: an image input of rank 4 with 3 channels, the
/// output, its size against the classes. A dynamic batch dimension runs whole batches; a fixed one runs that many
/// images per call (the last call padded).
/// </summary>
public sealed class OnnxImageModel : IImageModel
{
    private readonly InferenceSession[] _sessions;
    private readonly string[] _inputNames;
    private readonly string[] _chainOutputs;
    private readonly string _outputName;
    private readonly int? _fixedBatch;
    private readonly RunOptions _runOptions = new();

    private OnnxImageModel(string name, InferenceSession[] sessions, string[] inputNames, string[] chainOutputs, string outputName,
        int? fixedBatch, OnnxPreprocessing preprocessing, IReadOnlyList<string> classes)
    {
        Name = name;
        _sessions = sessions;
        _inputNames = inputNames;
        _chainOutputs = chainOutputs;
        _outputName = outputName;
        _fixedBatch = fixedBatch;
        Preprocessing = preprocessing;
        Decoding = preprocessing.ToDecoding();
        Classes = classes;
    }

    public string Name { get; }
    public OnnxPreprocessing Preprocessing { get; }
    public ImagePreprocessing Decoding { get; }
    public IReadOnlyList<string> Classes { get; }
    public int EmbeddingDimension { get; private set; }
    public string OutputName => _outputName;
    /// <summary>Images per call when the model's batch dimension is fixed; null when it is dynamic.</summary>
    public int? FixedBatch => _fixedBatch;

    public string Summary =>
        $"ONNX {Name} ({(Classes.Count > 0 ? $"{Classes.Count} classes" : $"{EmbeddingDimension}-d embedding")}, output {_outputName}, " +
        $"{Preprocessing.InputHeight}x{Preprocessing.InputWidth} {Preprocessing.ChannelOrder} {Preprocessing.Layout}, batch {(_fixedBatch is { } b ? b.ToString() : "dynamic")})";

    /// <summary>Loads <paramref name="files"/> (run in that order) with the options over the first file's sidecar over the defaults.</summary>
    /// <exception cref="FileNotFoundException">A model file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is not a loadable ONNX model, or its sidecar is damaged.</exception>
    /// <exception cref="ModelUsageException">The model cannot be used as asked.</exception>
    /// <exception cref="OnnxRuntimeUnavailableException">ONNX Runtime's native library does not load.</exception>
    public static OnnxImageModel Load(string name, IReadOnlyList<string> files, OnnxModelOptions options, int threads)
    {
        foreach (var f in files)
            if (!File.Exists(f)) throw new FileNotFoundException($"Model file not found: {f}", f);
        var settings = options.Over(OnnxModelOptions.ReadSidecar(files[0]));
        var sessions = new List<InferenceSession>();
        try
        {
            foreach (var f in files) sessions.Add(Open(f, threads));
            var model = Build(name, files, sessions.ToArray(), settings);
            sessions.Clear();
            return model;
        }
        finally
        {
            foreach (var s in sessions) s.Dispose();
        }
    }

    private static InferenceSession Open(string path, int threads)
    {
        try
        {
            var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"Not a loadable ONNX model: {path}. {e.Message}", e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeUnavailableException($"ONNX Runtime could not be loaded: {e.GetBaseException().Message}", e);
        }
    }

    private static OnnxImageModel Build(string name, IReadOnlyList<string> files, InferenceSession[] sessions, OnnxModelOptions settings)
    {
        var inputNames = new string[sessions.Length];
        var chainOutputs = new string[sessions.Length];
        int? fixedBatch = null;
        int[] imageShape = [];
        for (var k = 0; k < sessions.Length; k++)
        {
            var (input, shape) = SingleFloatInput(sessions[k], files[k], requireImage: k == 0);
            inputNames[k] = input;
            if (k == 0) imageShape = shape;
            if (shape[0] > 0)
            {
                if (fixedBatch is { } b && b != shape[0])
                    throw new ModelUsageException("ModelInputUnsupported", $"{files[k]} takes batches of {shape[0]}, the model before it {b}.");
                fixedBatch = shape[0];
            }
            chainOutputs[k] = sessions[k].OutputMetadata.Keys.First();
        }
        var last = sessions[^1];
        var outputName = settings.OutputName ?? chainOutputs[^1];
        if (!last.OutputMetadata.ContainsKey(outputName))
            throw new ModelUsageException("ModelOutputNotFound", $"{files[^1]} has no output '{outputName}'. Outputs: {string.Join(", ", last.OutputMetadata.Keys)}.");

        var preprocessing = (settings.Preprocessing ?? new OnnxPreprocessing()).Over(OnnxPreprocessing.InferFrom(imageShape));
        try { preprocessing.Validate(files[0]); }
        catch (InvalidDataException e) { throw new ModelUsageException("ModelPreprocessingInvalid", e.Message); }
        CheckImageShape(imageShape, preprocessing, files[0]);

        var model = new OnnxImageModel(name, sessions, inputNames, chainOutputs, outputName, fixedBatch, preprocessing, settings.Classes ?? []);
        model.EmbeddingDimension = model.OutputSize(last.OutputMetadata[outputName].Dimensions);
        if (settings.Classes is { } classes && classes.Count != model.EmbeddingDimension)
            throw new ModelUsageException("ModelClassesMismatch",
                $"{files[^1]} output '{outputName}' has {model.EmbeddingDimension} values per image, but {classes.Count} classes were given.");
        return model;
    }

    /// <summary>The one float tensor input; for the first model it must be an image: rank 4 with 3 channels.</summary>
    private static (string Name, int[] Shape) SingleFloatInput(InferenceSession session, string file, bool requireImage)
    {
        var inputs = session.InputMetadata;
        if (inputs.Count != 1)
            throw new ModelUsageException("ModelInputUnsupported", $"{file} has {inputs.Count} inputs ({string.Join(", ", inputs.Keys)}); an image model takes one image tensor.");
        var (name, meta) = inputs.First();
        var shape = meta.Dimensions;
        var described = $"input '{name}' is {meta.ElementDataType} [{string.Join(",", shape)}]";
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
            throw new ModelUsageException("ModelInputUnsupported", $"{file} has no image input: {described}; an image input is a float tensor [N,3,H,W] or [N,H,W,3].");
        if (requireImage && shape.Length != 4)
            throw new ModelUsageException("ModelInputUnsupported", $"{file}: {described} has rank {shape.Length}; an image input has rank 4 ([N,3,H,W] or [N,H,W,3]).");
        if (requireImage && shape[1] != 3 && shape[3] != 3)
            throw new ModelUsageException("ModelInputUnsupported", $"{file}: {described} has no dimension of 3 colour channels ([N,3,H,W] or [N,H,W,3]).");
        return (name, shape);
    }

    private static void CheckImageShape(int[] shape, OnnxPreprocessing p, string file)
    {
        var (c, h, w) = p.IsNhwc ? (shape[3], shape[1], shape[2]) : (shape[1], shape[2], shape[3]);
        if (c > 0 && c != 3)
            throw new ModelUsageException("ModelInputUnsupported", $"{file} takes {c} channels in layout {p.Layout}; images give 3.");
        if ((h > 0 && h != p.InputHeight) || (w > 0 && w != p.InputWidth))
            throw new ModelUsageException("ModelInputUnsupported", $"{file} takes {h}x{w} (height x width) images; the preprocessing gives {p.InputHeight}x{p.InputWidth} (set Width and Height, or Size for a square input).");
    }

    /// <summary>Values per image of the output; dynamic dimensions are found by running one blank image.</summary>
    private int OutputSize(int[] dims)
    {
        if (dims.Skip(1).All(d => d > 0)) return dims.Skip(1).Aggregate(1, (a, d) => a * d);
        var blank = new float[Decoding.ValuesPerImage];
        return Forward(blank, 1).Length;
    }

    public void PrepareFor(int batchSize) { }

    public ModelOutputs Run(ReadOnlySpan<float> pixels, int count, bool logits, bool embeddings)
    {
        var per = Decoding.ValuesPerImage;
        var arranged = new float[count * per];
        Preprocessing.Arrange(pixels, arranged, count);
        var values = Forward(arranged, count);
        return new ModelOutputs(count, logits ? values : null, embeddings ? values : null);
    }

    /// <summary>count x output values; fixed-batch models are called once per <see cref="FixedBatch"/> images.</summary>
    private float[] Forward(float[] input, int count)
    {
        var per = Decoding.ValuesPerImage;
        var step = _fixedBatch ?? Math.Max(count, 1);
        float[]? result = null;
        var outSize = 0;
        for (var start = 0; start < count; start += step)
        {
            var n = Math.Min(step, count - start);
            float[] chunk;
            if (n == step) chunk = input;
            else
            {
                chunk = new float[step * per]; // padded with blank images, whose outputs are dropped
                input.AsSpan(start * per, n * per).CopyTo(chunk);
            }
            var offset = n == step ? start * per : 0;
            var output = RunChain(new Memory<float>(chunk, offset, step * per), step);
            if (result is null)
            {
                outSize = output.Length / step;
                result = new float[count * outSize];
            }
            output.AsSpan(0, n * outSize).CopyTo(result.AsSpan(start * outSize));
        }
        return result ?? [];
    }

    private float[] RunChain(Memory<float> input, int batch)
    {
        long h = Preprocessing.InputHeight, w = Preprocessing.InputWidth;
        long[] shape = Preprocessing.IsNhwc ? [batch, h, w, 3] : [batch, 3, h, w];
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape);
        var owned = new List<IDisposable> { value };
        try
        {
            for (var k = 0; k < _sessions.Length; k++)
            {
                var output = k == _sessions.Length - 1 ? _outputName : _chainOutputs[k];
                var results = _sessions[k].Run(_runOptions, [_inputNames[k]], [value], [output]);
                owned.Add(results);
                value = results[0];
            }
            return value.GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var d in owned) d.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var s in _sessions) s.Dispose();
        _runOptions.Dispose();
    }
}

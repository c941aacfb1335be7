using TorchSharp;
using static TorchSharp.torch;

namespace FiftyOneBrain.Models;

/// <summary>
/// A SimpleResNet with its header (classes, preprocessing): what a model file holds, ready to run.
/// Inference is in eval mode without gradients, one dispose scope per batch.
/// </summary>
public sealed class ImageClassifier : IImageModel
{
    private ImageClassifier(ModelHeader header, SimpleResNet network, string? path)
    {
        Header = header;
        Network = network;
        Path = path;
    }

    public ModelHeader Header { get; private set; }
    public string? Path { get; private set; }
    public IReadOnlyList<string> Classes => Header.Classes;
    public ImagePreprocessing Preprocessing => Header.Preprocessing;
    public SimpleResNetShape Shape => Network.Shape;
    internal SimpleResNet Network { get; }

    /// <summary>A new network with initial weights drawn from libtorch's generator seeded with <paramref name="seed"/>.</summary>
    public static ImageClassifier Create(ModelHeader header, int seed)
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(seed);
        return new ImageClassifier(header, new SimpleResNet(header.Shape), null);
    }

    /// <summary>Loads a .fomodel file; "default" is resolved by <see cref="ModelLocator"/> before this.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Damaged file, unsupported architecture, or weights that do not fit the header.</exception>
    /// <exception cref="TorchUnavailableException">libtorch cannot be loaded.</exception>
    public static ImageClassifier Load(string path)
    {
        using var stream = ModelFile.OpenExisting(path);
        var header = ModelFile.ReadHeader(stream, path);
        TorchRuntime.EnsureLoaded();
        var network = new SimpleResNet(header.Shape);
        try
        {
            network.load(stream, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or FormatException or OverflowException)
        {
            network.Dispose();
            throw new InvalidDataException(
                $"Model weights do not match the header ({header.Architecture}, width {header.Width}, {header.Classes.Length} classes) or are damaged: {path}. {e.Message}", e);
        }
        network.eval();
        return new ImageClassifier(header, network, System.IO.Path.GetFullPath(path));
    }

    /// <summary>Writes header and weights to <paramref name="path"/> (temporary file, then rename).</summary>
    public void Save(string path)
    {
        ModelFile.Write(path, Header, stream => Network.save(stream));
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Runs <paramref name="count"/> preprocessed images (count x 3 x 32 x 32 floats).</summary>
    public ModelOutputs Run(ReadOnlySpan<float> pixels, int count, bool logits, bool embeddings)
    {
        if (count == 0) return new ModelOutputs(0, logits ? [] : null, embeddings ? [] : null);
        var size = Preprocessing.Size;
        Network.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(pixels[..(count * Preprocessing.ValuesPerImage)].ToArray(), [count, 3, size, size]);
        var embedding = Network.Embed(input);
        float[]? logitValues = logits ? Network.Classify(embedding).data<float>().ToArray() : null;
        float[]? embeddingValues = embeddings ? embedding.data<float>().ToArray() : null;
        return new ModelOutputs(count, logitValues, embeddingValues);
    }

    /// <summary>Attaches how the weights were trained (saved with the file).</summary>
    public ImageClassifier WithTraining(TrainingRecord training)
    {
        Header = Header with { Training = training };
        return this;
    }

    /// <summary>What New-FoModel writes to the pipeline for this model.</summary>
    public ModelDescription Describe()
    {
        var h = Header;
        var t = h.Training;
        return new ModelDescription
        {
            Path = Path,
            Architecture = h.Architecture,
            Width = h.Width,
            Classes = h.Classes.ToArray(),
            EmbeddingDimension = Shape.EmbeddingDimension,
            Parameters = Shape.Parameters,
            MultiplyAdds = Shape.MultiplyAdds,
            Epochs = t?.Epochs ?? 0,
            Seed = t?.Seed ?? 0,
            TrainingSamples = t?.TrainingSamples ?? 0,
            ValidationSamples = t?.ValidationSamples ?? 0,
            TrainingLoss = t?.TrainingLoss,
            TrainingAccuracy = t?.TrainingAccuracy,
            ValidationAccuracy = t?.ValidationAccuracy,
            TrainingTime = t is null ? null : TimeSpan.FromSeconds(t.Seconds),
        };
    }

    public string Summary => Describe().ToString();
    public int EmbeddingDimension => Shape.EmbeddingDimension;
    ImagePreprocessing IImageModel.Decoding => Preprocessing;
    public void PrepareFor(int batchSize) => TorchRuntime.UseThreadsFor((double)Shape.MultiplyAdds * batchSize);

    public void Dispose() => Network.Dispose();
}

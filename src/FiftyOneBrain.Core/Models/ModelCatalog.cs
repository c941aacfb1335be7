using FiftyOneBrain.Models.Onnx;

namespace FiftyOneBrain.Models;

/// <summary>A model the module ships, known by name.</summary>
public sealed record NamedModel(
    string Name, IReadOnlyList<string> Aliases, string Kind, int InputSize, int EmbeddingDimension, int Classes,
    string Licence, string Source, string Description, IReadOnlyList<string> Files, OnnxPreprocessing? Preprocessing)
{
    public bool IsOnnx => Files[0].EndsWith(OnnxFile.Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Full paths of the files, in the module's Models folder.</summary>
    public IReadOnlyList<string> Paths => Files.Select(f => Path.Combine(ModelCatalog.ModelsDirectory, f)).ToArray();
}

/// <summary>
/// Every -Model argument is resolved here: a shipped model's name (or alias), a .onnx path, or any other path
/// (a .fomodel file). Named models live in the Models folder next to FiftyOneBrain.Core.dll, where the build
/// stages them.
/// </summary>
public static class ModelCatalog
{
    public const string FashionMnistName = "simple-resnet-fashion-mnist";
    public const string ResNet18ImageNetName = "resnet18-imagenet";

    public static string ModelsDirectory =>
        Path.Combine(Path.GetDirectoryName(typeof(ModelCatalog).Assembly.Location) ?? AppContext.BaseDirectory, "Models");

    public static IReadOnlyList<NamedModel> All { get; } =
    [
        new(FashionMnistName, [ModelLocator.DefaultName], "classifier", SimpleResNetShape.InputSize, 128, 10, "the module's (weights trained here)",
            "trained by build/TrainDefaultModel.ps1 on Fashion-MNIST (Debian dataset-fashion-mnist)",
            "SimpleResNet (cifar10-fast ResNet) on 32x32 grey clothing images; FiftyOne's default uniqueness architecture",
            ["default" + ModelFile.Extension], null),
        new(ResNet18ImageNetName, [], "embedder", 224, 512, 0, "MIT",
            "NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 (ResNetPreprocess.onnx, ResNet18.onnx)",
            "ResNet18 trained on ImageNet; the 512-d pooled features. For photos; FiftyOne's default for near duplicates and leaky splits",
            ["ResNetPreprocess.onnx", "ResNet18.onnx"],
            // ResNetPreprocess.onnx takes RGB planes in 0..255 and does the channel swap and mean subtraction itself.
            new OnnxPreprocessing { Size = 224, Resize = "bilinear", ChannelOrder = "RGB", Scale = 1f, Mean = [0, 0, 0], Std = [1, 1, 1], Layout = "NCHW" }),
    ];

    public static IEnumerable<string> Names => All.Select(m => m.Name);

    public static bool TryGet(string name, out NamedModel model)
    {
        model = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)
            || m.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase))!;
        return model is not null;
    }

    /// <summary>
    /// Loads what <paramref name="model"/> names. <paramref name="resolvePath"/> turns a user path into a full path
    /// (PowerShell's current location). <paramref name="options"/> apply to ONNX models only.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file (or a shipped model's file) is missing.</exception>
    /// <exception cref="InvalidDataException">The file is not a loadable model.</exception>
    /// <exception cref="ModelUsageException">The model cannot be used with these options.</exception>
    public static IImageModel Load(string model, Func<string, string> resolvePath, OnnxModelOptions options)
    {
        if (TryGet(model, out var named))
        {
            if (!named.IsOnnx) return LoadFomodel(named.Paths[0], options);
            var given = options with { Preprocessing = options.Preprocessing is null ? named.Preprocessing : options.Preprocessing.Over(named.Preprocessing!) };
            return OnnxImageModel.Load(named.Name, named.Paths, given, Environment.ProcessorCount);
        }
        var path = resolvePath(model);
        return OnnxFile.IsOnnx(path)
            ? OnnxImageModel.Load(Path.GetFileName(path), [path], options, Environment.ProcessorCount)
            : LoadFomodel(path, options);
    }

    /// <summary>A .fomodel for inference runs on ONNX Runtime (converted in memory); training loads it with TorchSharp.</summary>
    private static SimpleResNetOnnxModel LoadFomodel(string path, OnnxModelOptions options)
    {
        ModelFile.ReadHeader(path); // a file that is no model at all says so before the options are judged
        if (!options.IsEmpty)
            throw new ModelUsageException("ModelOptionNotApplicable",
                $"-Classes, -OutputName and -Preprocessing apply to ONNX models; {path} is a FiftyOneBrain model that carries its own classes and preprocessing.");
        return SimpleResNetOnnxModel.Load(path);
    }
}

/// <summary>Recognises ONNX model files.</summary>
public static class OnnxFile
{
    public const string Extension = ".onnx";

    public static bool IsOnnx(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);
}

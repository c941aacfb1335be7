using FiftyOneBrain.Models.Onnx;

namespace FiftyOneBrain.Models;

/// <summary>What Get-FoModel writes: a named model or a model file, and what it computes.</summary>
public sealed record ModelInfo
{
    public string Name { get; init; } = "";
    /// <summary>"classifier" (logits per class) or "embedder" (a feature vector only).</summary>
    public string Kind { get; init; } = "";
    /// <summary>The input's side (its height when it is not square; see InputWidth).</summary>
    public int InputSize { get; init; }
    /// <summary>The input's width: InputSize for a square input.</summary>
    public int InputWidth { get; init; }
    public int EmbeddingDimension { get; init; }
    public string[] Classes { get; init; } = [];
    public string Licence { get; init; } = "";
    public string Source { get; init; } = "";
    public string Description { get; init; } = "";
    public string[] Aliases { get; init; } = [];
    /// <summary>The files run, in order.</summary>
    public string[] Files { get; init; } = [];
    /// <summary>False when a named model's files are missing from the module.</summary>
    public bool Available { get; init; }

    public static ModelInfo Of(NamedModel m) => new()
    {
        Name = m.Name,
        Kind = m.Kind,
        InputSize = m.InputSize,
        InputWidth = m.InputSize,
        EmbeddingDimension = m.EmbeddingDimension,
        Classes = ClassesOf(m),
        Licence = m.Licence,
        Source = m.Source,
        Description = m.Description,
        Aliases = m.Aliases.ToArray(),
        Files = m.Paths.ToArray(),
        Available = m.Paths.All(File.Exists),
    };

    /// <summary>A loaded model file (.fomodel or .onnx) described by what it holds.</summary>
    public static ModelInfo Of(IImageModel model, string path) => new()
    {
        Name = Path.GetFileName(path),
        Kind = model.Classes.Count > 0 ? "classifier" : "embedder",
        InputSize = model.Decoding.OutputHeight,
        InputWidth = model.Decoding.OutputWidth,
        EmbeddingDimension = model.EmbeddingDimension,
        Classes = model.Classes.ToArray(),
        Source = path,
        Description = model.Summary,
        Files = [path],
        Available = true,
    };

    /// <summary>The shipped classifier's class names come from its header (cheap: no weights are read).</summary>
    private static string[] ClassesOf(NamedModel m)
    {
        if (m.IsOnnx || !File.Exists(m.Paths[0])) return [];
        try { return ModelFile.ReadHeader(m.Paths[0]).Classes; }
        catch (InvalidDataException) { return []; }
    }
}

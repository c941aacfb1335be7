using System.Text.Json;

namespace FiftyOneBrain.Models.Onnx;

/// <summary>
/// What a caller may say about an ONNX model: class names in logit order (a classifier), the output to read,
/// and preprocessing. Given members win over the model's sidecar file, which wins over the defaults.
/// </summary>
public sealed record OnnxModelOptions
{
    public IReadOnlyList<string>? Classes { get; init; }
    public string? OutputName { get; init; }
    public OnnxPreprocessing? Preprocessing { get; init; }

    public static OnnxModelOptions None { get; } = new();

    public bool IsEmpty => Classes is null && OutputName is null && Preprocessing is null;

    /// <summary>The members set here, the others from <paramref name="fallback"/>; preprocessing is merged member by member.</summary>
    public OnnxModelOptions Over(OnnxModelOptions fallback) => new()
    {
        Classes = Classes ?? fallback.Classes,
        OutputName = OutputName ?? fallback.OutputName,
        Preprocessing = Preprocessing is null ? fallback.Preprocessing
            : fallback.Preprocessing is null ? Preprocessing : Preprocessing.Over(fallback.Preprocessing),
    };

    /// <summary>The sidecar of a model, &lt;model&gt;.onnx.json: {"classes": [...], "outputName": "...", "preprocessing": {...}}.</summary>
    public static string SidecarPath(string modelPath) => modelPath + ".json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The sidecar's options, or <see cref="None"/> when the model has no sidecar.</summary>
    /// <exception cref="InvalidDataException">The sidecar is not valid JSON of that shape.</exception>
    public static OnnxModelOptions ReadSidecar(string modelPath)
    {
        var path = SidecarPath(modelPath);
        if (!File.Exists(path)) return None;
        try
        {
            var sidecar = JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(path), Json);
            return sidecar is null ? None : new OnnxModelOptions { Classes = sidecar.Classes, OutputName = sidecar.OutputName, Preprocessing = sidecar.Preprocessing };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Model sidecar {path} is not valid: {e.Message}", e);
        }
    }

    private sealed record Sidecar(string[]? Classes, string? OutputName, OnnxPreprocessing? Preprocessing);
}

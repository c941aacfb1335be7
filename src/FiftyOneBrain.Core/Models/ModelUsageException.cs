namespace FiftyOneBrain.Models;

/// <summary>
/// A model that loads but cannot be used as asked (no image input, wrong rank, output size not the number of
/// classes, unknown output, bad preprocessing); <see cref="ErrorId"/> is the PowerShell ErrorId.
/// </summary>
public sealed class ModelUsageException(string errorId, string message) : Exception(message)
{
    public string ErrorId { get; } = errorId;
}

/// <summary>ONNX Runtime's native library cannot be loaded on this machine.</summary>
public sealed class OnnxRuntimeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

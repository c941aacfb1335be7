using System.Text.Json;

namespace FiftyOneBrain.Formats;

/// <summary>Opens a dataset's labels file; one that cannot be parsed stops the read with the file's name.</summary>
public static class LabelsFile
{
    /// <exception cref="MalformedDatasetFileException">The file is not valid UTF-8 JSON.</exception>
    public static JsonDocument ParseJson(string path)
    {
        try
        {
            // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException: check it up front.
            var bytes = File.ReadAllBytes(path);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
                throw new MalformedDatasetFileException(path, $"Malformed JSON in {path}: the file is not valid UTF-8 text.");
            var json = bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new MalformedDatasetFileException(path, $"Malformed JSON in {path}: {e.Message}", e);
        }
    }

    /// <summary>The exception for a labels file that parses but does not have the format's shape.</summary>
    public static MalformedDatasetFileException Malformed(string path, string what) =>
        new(path, $"{path} is not a valid {Path.GetFileName(path)}: {what}");
}

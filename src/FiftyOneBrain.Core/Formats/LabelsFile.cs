using System.Text.Json;

namespace FiftyOneBrain.Formats;

/// <summary>Opens a dataset's labels file; one that cannot be parsed stops the read with the file's name.</summary>
public static class LabelsFile
{
    /// <exception cref="MalformedDatasetFileException">The file is not valid JSON.</exception>
    public static JsonDocument ParseJson(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
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

using System.Text.Json;

namespace FiftyOneBrain.Formats;

/// <summary>Opens labels files so that a malformed one becomes one problem rather than an exception.</summary>
public static class LabelsFile
{
    public static JsonDocument? ParseJson(string path, out DatasetProblem? problem)
    {
        problem = null;
        try
        {
            // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException: check it up front.
            var bytes = File.ReadAllBytes(path);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                problem = new DatasetProblem(DatasetProblemKind.MalformedLabels, path, $"Malformed JSON in {path}: the file is not valid UTF-8 text.");
                return null;
            }
            var json = bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            problem = new DatasetProblem(DatasetProblemKind.MalformedLabels, path, $"Malformed JSON in {path}: {e.Message}");
            return null;
        }
    }
}

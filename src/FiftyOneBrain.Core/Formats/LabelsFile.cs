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
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            problem = new DatasetProblem(DatasetProblemKind.MalformedLabels, path, $"Malformed JSON in {path}: {e.Message}");
            return null;
        }
    }
}

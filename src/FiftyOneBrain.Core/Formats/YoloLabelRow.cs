using System.Globalization;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// One row of a YOLO labels file: "class cx cy w h [confidence]" (relative to the image), or a polygon
/// "class x1 y1 x2 y2 x3 y3 ..." as Ultralytics' segment format writes it (more than 6 values), which becomes its
/// bounding box, as Ultralytics does for detection, with the points kept in the "polygon" attribute.
/// </summary>
public static class YoloLabelRow
{
    public const string PolygonAttribute = "polygon";

    /// <summary>The row's detection; null with no problem for a blank row, null with a problem for a bad one.</summary>
    public static Detection? Parse(string line, int lineNumber, string labelsPath, IReadOnlyList<string> names, out DatasetProblem? problem)
    {
        problem = null;
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        var numbers = new double[parts.Length];
        var numeric = true;
        for (var i = 0; i < parts.Length && numeric; i++)
            numeric = double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i]);
        var isBox = parts.Length is 5 or 6;
        var isPolygon = parts.Length >= 7 && parts.Length % 2 == 1;
        if (!numeric || !(isBox || isPolygon))
        {
            problem = new DatasetProblem(DatasetProblemKind.MalformedLabels, labelsPath,
                $"Line {lineNumber} of {labelsPath} is neither 'class cx cy w h [confidence]' nor a polygon 'class x1 y1 x2 y2 x3 y3 ...': '{Shorten(line)}'. The row is skipped.");
            return null;
        }
        var index = (int)numbers[0];
        if (index != numbers[0] || index < 0 || index >= names.Count)
        {
            problem = new DatasetProblem(DatasetProblemKind.LabelIndexOutOfRange, labelsPath,
                $"Line {lineNumber} of {labelsPath} has class {parts[0]}, but data.yaml names {names.Count} classes (0..{names.Count - 1}). The row is skipped.");
            return null;
        }
        if (isBox)
        {
            var (cx, cy, w, h) = (numbers[1], numbers[2], numbers[3], numbers[4]);
            return new Detection(names[index], [cx - w / 2, cy - h / 2, w, h], parts.Length == 6 ? numbers[5] : null);
        }
        var points = numbers[1..];
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < points.Length; i += 2)
        {
            minX = Math.Min(minX, points[i]); maxX = Math.Max(maxX, points[i]);
            minY = Math.Min(minY, points[i + 1]); maxY = Math.Max(maxY, points[i + 1]);
        }
        var detection = new Detection(names[index], [minX, minY, maxX - minX, maxY - minY]);
        detection.SetField(PolygonAttribute, points);
        return detection;
    }

    private static string Shorten(string line) => line.Length <= 80 ? line.Trim() : line[..77].Trim() + "...";
}

using System.Globalization;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Formatting;

/// <summary>
/// The short texts the default views (FiftyOneBrain.format.ps1xml) show, kept here so each view stays one
/// line of XML and a table of thousands of samples formats quickly.
/// </summary>
public static class ViewText
{
    private const string GroundTruthField = "ground_truth";
    private const string PredictionField = "predictions";

    /// <summary>The label field read as ground truth: ground_truth, else the sample's first label field.</summary>
    public static string GroundTruth(Sample sample) => Lines(Label(sample.GetField(GroundTruthFieldOf(sample) ?? "")));

    /// <summary>The prediction: predictions, else the first label field after the ground truth.</summary>
    public static string Prediction(Sample sample)
    {
        var labels = LabelFields(sample);
        var truth = GroundTruthFieldOf(sample);
        var name = labels.Contains(PredictionField) && truth != PredictionField
            ? PredictionField
            : labels.FirstOrDefault(n => n != truth && n != GroundTruthField);
        return name is null ? "" : Lines(Label(sample.GetField(name)));
    }

    /// <summary>
    /// Every number (and boolean) field as name=value, one a line in the order the fields were set: a table
    /// cell that wraps (the sample view) then shows every score whole, even at 80 columns.
    /// </summary>
    public static string Scores(FieldBag bag) => string.Join("\n",
        bag.FieldNames.Select(n => (Name: n, Value: bag.GetField(n)))
            .Where(f => IsScore(f.Value))
            .Select(f => $"{f.Name}={Number(f.Value!)}"));

    /// <summary>One label as a cell: "cat", "cat (0.81)", "2 car, 1 person" for detections.</summary>
    public static string Label(object? value) => value switch
    {
        Classification c => WithConfidence(c.Label, c.Confidence),
        Classifications cs => string.Join(", ", cs.Items.Select(c => WithConfidence(c.Label, c.Confidence))),
        Detection d => WithConfidence(d.Label, d.Confidence),
        Detections ds => ds.Items.Count == 0 ? "0 objects" : string.Join(", ",
            ds.Items.GroupBy(d => d.Label ?? "").Select(g => $"{g.Count()} {g.Key}")),
        null => "",
        _ => value.ToString() ?? "",
    };

    /// <summary>A bounding box as [x, y, w, h] with three decimals.</summary>
    public static string Box(Detection detection) =>
        "[" + string.Join(", ", detection.BoundingBox.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))) + "]";

    /// <summary>Logits with two decimals, at most ten of them.</summary>
    public static string Numbers(double[]? values) => values is null ? "" :
        string.Join(", ", values.Take(10).Select(v => v.ToString("0.##", CultureInfo.InvariantCulture))) + (values.Length > 10 ? ", …" : "");

    /// <summary>The parts of a label list one a line, for table cells that wrap.</summary>
    private static string Lines(string text) => text.Replace(", ", "\n");

    private static string? GroundTruthFieldOf(Sample sample)
    {
        var labels = LabelFields(sample);
        return labels.Contains(GroundTruthField) ? GroundTruthField : labels.FirstOrDefault(n => n != PredictionField);
    }

    private static List<string> LabelFields(FieldBag bag) => bag.FieldNames.Where(n => bag.GetField(n) is LabelObject).ToList();

    private static string WithConfidence(string? label, double? confidence) =>
        confidence is { } c && !double.IsNaN(c) ? $"{label} ({c.ToString("0.##", CultureInfo.InvariantCulture)})" : label ?? "";

    private static bool IsScore(object? value) => value is double or float or long or int or bool;

    private static string Number(object value) => value switch
    {
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        float f => f.ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

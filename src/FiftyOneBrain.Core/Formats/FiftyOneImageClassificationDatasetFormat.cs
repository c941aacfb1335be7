using System.Text.Json;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// fo.types.FiftyOneImageClassificationDataset: data/ with the images and labels.json
/// {"classes": [...], "labels": {"&lt;name without extension&gt;": target}}, where a target is a class index,
/// a label string, {"label", "confidence", "attributes"} or a list of those (multilabel), or null.
/// Written with class indices, and confidence, logits and per-label attributes in the object form.
/// Samples are read in the order of labels.json.
/// </summary>
public sealed class FiftyOneImageClassificationDatasetFormat : IDatasetFormat
{
    public string Name => "FiftyOneImageClassificationDataset";
    public bool CanWrite => true;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var labelsPath = Path.Combine(datasetDirectory, "labels.json");
        if (!File.Exists(labelsPath)) throw new FileNotFoundException($"Not a FiftyOneImageClassificationDataset: {labelsPath} is missing.", labelsPath);
        return ReadLabels(datasetDirectory, labelsPath, options).LimitSamples(options.MaxSamples);
    }

    private static IEnumerable<ReadResult> ReadLabels(string root, string labelsPath, DatasetReadOptions options)
    {
        using var document = LabelsFile.ParseJson(labelsPath);
        var json = document.RootElement;
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
            throw LabelsFile.Malformed(labelsPath, "it has no \"labels\" object.");
        string[]? classes = null;
        if (json.TryGetProperty("classes", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Array || c.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                throw LabelsFile.Malformed(labelsPath, "\"classes\" must be a list of strings.");
            classes = c.EnumerateArray().Select(x => x.GetString()!).ToArray();
        }
        var dataDir = Path.Combine(root, "data");
        var images = MediaByStem(dataDir);
        foreach (var entry in labels.EnumerateObject())
            yield return ReadEntry(entry, dataDir, images, classes, labelsPath, options.LabelField);
    }

    private static ReadResult ReadEntry(JsonProperty entry, string dataDir, Dictionary<string, string> images, string[]? classes, string labelsPath, string labelField)
    {
        if (!DatasetPaths.TryResolveInside(dataDir, entry.Name, allowAbsolute: false, out var resolved))
            return ReadResult.Fail(DatasetProblemKind.PathOutsideDatasetRoot, resolved, $"Label key '{entry.Name}' in {labelsPath} points outside the data folder.");
        if (!images.TryGetValue(entry.Name.Replace('\\', '/'), out var path))
            return ReadResult.Fail(DatasetProblemKind.MediaFileMissing, resolved, $"Label key '{entry.Name}' in {labelsPath} names no image in {dataDir}.");
        LabelObject? label;
        try { label = ReadTarget(entry.Value, classes); }
        catch (ArgumentOutOfRangeException e)
        {
            return ReadResult.Fail(DatasetProblemKind.LabelIndexOutOfRange, labelsPath, $"Label of '{entry.Name}' ({path}) in {labelsPath}: {e.Message}");
        }
        catch (FormatException e)
        {
            return ReadResult.Fail(DatasetProblemKind.MalformedLabels, labelsPath, $"Label of '{entry.Name}' ({path}) in {labelsPath} is malformed: {e.Message}");
        }
        var metadata = ImageCheck.Inspect(path, out var problem);
        if (problem is not null) return new ReadResult(null, problem);
        var sample = new Sample(path) { Metadata = metadata };
        if (label is not null) sample.SetField(labelField, label);
        return ReadResult.Of(sample);
    }

    /// <summary>Relative path without extension ('/' separated) of every file under data/, as FiftyOne keys them.</summary>
    private static Dictionary<string, string> MediaByStem(string dataDir)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(dataDir)) return map;
        foreach (var file in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            var relative = DatasetPaths.ToPortableRelative(dataDir, file);
            map.TryAdd(relative[..^Path.GetExtension(relative).Length], file);
        }
        return map;
    }

    private static LabelObject? ReadTarget(JsonElement target, string[]? classes) => target.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Array => new Classifications(target.EnumerateArray().Select(t => ReadClassification(t, classes))),
        _ => ReadClassification(target, classes),
    };

    private static Classification ReadClassification(JsonElement target, string[]? classes)
    {
        if (target.ValueKind != JsonValueKind.Object) return new Classification(LabelOf(target, classes));
        if (!target.TryGetProperty("label", out var labelValue)) throw new FormatException("a label object needs \"label\".");
        var c = new Classification(LabelOf(labelValue, classes));
        if (target.TryGetProperty("confidence", out var confidence) && confidence.ValueKind != JsonValueKind.Null)
            // The writer stores NaN and infinities as {"$numberDouble": ...}, as FiftyOne's JSON does.
            c.Confidence = FieldValues.AsDouble(FiftyOneJson.ReadValue(confidence)) ?? throw new FormatException("confidence must be a number.");
        if (target.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            foreach (var a in attributes.EnumerateObject())
            {
                var value = FiftyOneJson.ReadValue(a.Value);
                // "logits" is a property, never a free attribute: anything but a list of numbers is malformed.
                if (a.Name == "logits") c.Logits = FiftyOneJson.AsDoubles(value) ?? throw new FormatException("logits must be a list of numbers.");
                else if (value is not null && c.IsBuiltInName(a.Name)) throw new FormatException($"attribute '{a.Name}' is a built-in property of a classification, not an attribute.");
                else if (value is not null) c.SetField(a.Name, value);
            }
        }
        return c;
    }

    private static string LabelOf(JsonElement value, string[]? classes)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return value.GetString()!;
            case JsonValueKind.Number when value.TryGetInt32(out var index):
                if (classes is null) throw new FormatException($"class index {index} but labels.json has no \"classes\".");
                if (index < 0 || index >= classes.Length)
                    throw new ArgumentOutOfRangeException(null, $"class index {index} is outside 0..{classes.Length - 1}.");
                return classes[index];
            default: throw new FormatException($"a label must be a class index or a string, not {value.ValueKind}.");
        }
    }

    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var problems = new List<DatasetProblem>();
        var placer = new MediaPlacer(directory, "data", reference: false);
        var entries = new List<(string Key, LabelObject? Label)>();
        foreach (var sample in samples)
        {
            var label = sample.GetField(options.LabelField);
            if (label is not (null or Classification or Classifications))
            {
                problems.Add(DatasetProblem.UnsupportedLabel(sample, options.LabelField, label, "this format stores Classification or Classifications"));
                continue;
            }
            if (placer.Place(sample, problems) is not { } relative) continue;
            var key = relative["data/".Length..];
            entries.Add((key[..^Path.GetExtension(key).Length], (LabelObject?)label));
        }
        var classes = entries.SelectMany(e => e.Label switch
        {
            Classification c => [c.Label],
            Classifications cs => cs.Items.Select(i => i.Label),
            _ => [],
        }).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

        using var stream = File.Create(Path.Combine(directory, "labels.json"));
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WritePropertyName("classes");
        FiftyOneJson.WriteValue(w, classes);
        w.WriteStartObject("labels");
        foreach (var (key, label) in entries)
        {
            w.WritePropertyName(key);
            switch (label)
            {
                case null: w.WriteNullValue(); break;
                case Classification c: WriteTarget(w, c, index); break;
                case Classifications cs:
                    w.WriteStartArray();
                    foreach (var c in cs.Items) WriteTarget(w, c, index);
                    w.WriteEndArray();
                    break;
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
        return problems;
    }

    private static void WriteTarget(Utf8JsonWriter w, Classification c, Dictionary<string, int> index)
    {
        var simple = c.Confidence is null && c.Logits is null && c.FieldNames.Count == 0;
        if (simple)
        {
            if (c.Label is null) w.WriteNullValue(); else w.WriteNumberValue(index[c.Label]);
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("label");
        if (c.Label is null) w.WriteNullValue(); else w.WriteNumberValue(index[c.Label]);
        if (c.Confidence is { } confidence)
        {
            w.WritePropertyName("confidence");
            FiftyOneJson.WriteValue(w, confidence);
        }
        if (c.Logits is not null || c.FieldNames.Count > 0)
        {
            w.WriteStartObject("attributes");
            if (c.Logits is not null)
            {
                w.WritePropertyName("logits");
                FiftyOneJson.WriteValue(w, c.Logits);
            }
            foreach (var name in c.FieldNames)
            {
                w.WritePropertyName(name);
                FiftyOneJson.WriteValue(w, c.GetField(name));
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}

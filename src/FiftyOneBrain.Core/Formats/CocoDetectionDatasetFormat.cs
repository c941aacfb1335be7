using System.Text.Json;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// fo.types.COCODetectionDataset: data/ with the images and labels.json in COCO's layout
/// ("categories", "images" with file_name/width/height, "annotations" with bbox [x, y, w, h] in pixels).
/// Boxes are converted to FiftyOne's relative [x, y, w, h] with the image's width and height; "score"
/// is the confidence; other annotation keys (e.g. mistakenness) become detection attributes.
/// </summary>
public sealed class CocoDetectionDatasetFormat : IDatasetFormat
{
    private static readonly HashSet<string> AnnotationKeys = new(StringComparer.Ordinal)
        { "id", "image_id", "category_id", "bbox", "area", "segmentation", "score", "iscrowd" };

    public string Name => "COCODetectionDataset";
    public bool CanWrite => true;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var labelsPath = Path.Combine(datasetDirectory, "labels.json");
        if (!File.Exists(labelsPath)) throw new FileNotFoundException($"Not a COCODetectionDataset: {labelsPath} is missing.", labelsPath);
        return ReadCoco(datasetDirectory, labelsPath, options).LimitSamples(options.MaxSamples);
    }

    private static IEnumerable<ReadResult> ReadCoco(string root, string labelsPath, DatasetReadOptions options)
    {
        using var document = LabelsFile.ParseJson(labelsPath, out var parseProblem);
        if (parseProblem is not null)
        {
            yield return new ReadResult(null, parseProblem);
            yield break;
        }
        var json = document!.RootElement;
        Dictionary<long, string> categories;
        Dictionary<long, List<JsonElement>> annotationsByImage;
        JsonElement images;
        try
        {
            categories = json.TryGetProperty("categories", out var cats)
                ? cats.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetInt64(), c => c.GetProperty("name").GetString()!)
                : new Dictionary<long, string>();
            annotationsByImage = json.TryGetProperty("annotations", out var anns)
                ? anns.EnumerateArray().GroupBy(a => a.GetProperty("image_id").GetInt64()).ToDictionary(g => g.Key, g => g.ToList())
                : new Dictionary<long, List<JsonElement>>();
            images = json.GetProperty("images");
            if (images.ValueKind != JsonValueKind.Array) throw new FormatException("\"images\" must be a list.");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            categories = null!; annotationsByImage = null!; images = default;
            parseProblem = new DatasetProblem(DatasetProblemKind.MalformedLabels, labelsPath, $"{labelsPath} is not COCO: {e.Message}");
        }
        if (parseProblem is not null)
        {
            yield return new ReadResult(null, parseProblem);
            yield break;
        }
        var dataDir = Path.Combine(root, "data");
        foreach (var image in images.EnumerateArray())
            yield return ReadImage(image, dataDir, categories, annotationsByImage, labelsPath, options.LabelField);
    }

    private static ReadResult ReadImage(JsonElement image, string dataDir, Dictionary<long, string> categories,
        Dictionary<long, List<JsonElement>> annotationsByImage, string labelsPath, string labelField)
    {
        long id;
        string fileName;
        try
        {
            id = image.GetProperty("id").GetInt64();
            fileName = image.GetProperty("file_name").GetString() ?? throw new FormatException("file_name is null.");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return ReadResult.Fail(DatasetProblemKind.MalformedLabels, labelsPath, $"An image entry in {labelsPath} is malformed: {e.Message}");
        }
        if (!DatasetPaths.TryResolveInside(dataDir, fileName, allowAbsolute: true, out var path))
            return ReadResult.Fail(DatasetProblemKind.PathOutsideDatasetRoot, path, $"Image {id} in {labelsPath} points outside the data folder: {fileName}");
        var metadata = ImageCheck.Inspect(path, out var problem);
        if (problem is not null) return new ReadResult(null, problem);
        var sample = new Sample(path) { Metadata = metadata };
        if (!annotationsByImage.TryGetValue(id, out var annotations)) return ReadResult.Of(sample);

        var detections = new Detections();
        foreach (var a in annotations)
        {
            try
            {
                var categoryId = a.GetProperty("category_id").GetInt64();
                if (!categories.TryGetValue(categoryId, out var label))
                    return ReadResult.Fail(DatasetProblemKind.LabelIndexOutOfRange, labelsPath, $"Annotation of image {id} ({fileName}) has category_id {categoryId}, which is not among the categories.");
                detections.Items.Add(ToDetection(a, label, metadata!));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                return ReadResult.Fail(DatasetProblemKind.MalformedLabels, labelsPath, $"Annotation of image {id} ({fileName}) is malformed: {e.Message}");
            }
        }
        sample.SetField(labelField, detections);
        return ReadResult.Of(sample);
    }

    private static Detection ToDetection(JsonElement a, string label, ImageMetadata size)
    {
        var bbox = a.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        if (bbox.Length != 4) throw new FormatException("bbox must be [x, y, width, height].");
        var d = new Detection(label, [bbox[0] / size.Width, bbox[1] / size.Height, bbox[2] / size.Width, bbox[3] / size.Height]);
        // The writer stores a NaN or infinite score as {"$numberDouble": ...}, as FiftyOne's JSON does.
        if (a.TryGetProperty("score", out var score) && FieldValues.AsDouble(FiftyOneJson.ReadValue(score)) is { } confidence) d.Confidence = confidence;
        if (a.TryGetProperty("iscrowd", out var crowd) && crowd.ValueKind == JsonValueKind.Number && crowd.GetInt32() != 0) d.SetField("iscrowd", (long)crowd.GetInt32());
        foreach (var p in a.EnumerateObject())
            if (!AnnotationKeys.Contains(p.Name) && p.Value.ValueKind != JsonValueKind.Null) d.SetField(p.Name, FiftyOneJson.ReadValue(p.Value));
        return d;
    }

    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var problems = new List<DatasetProblem>();
        var placer = new MediaPlacer(directory, "data", options.ReferenceMedia);
        var images = new List<(string FileName, ImageMetadata Size, Detections? Objects)>();
        foreach (var sample in samples)
        {
            var objects = sample.GetField(options.LabelField);
            if (objects is not (null or Detections))
            {
                problems.Add(new DatasetProblem(DatasetProblemKind.UnsupportedLabel, sample.Filepath, $"Field '{options.LabelField}' holds a {objects.GetType().Name}; COCO stores Detections."));
                continue;
            }
            if (sample.Metadata is not { } size)
            {
                problems.Add(new DatasetProblem(File.Exists(sample.Filepath) ? DatasetProblemKind.ImageUnreadable : DatasetProblemKind.MediaFileMissing,
                    sample.Filepath, $"COCO needs the image size, and {sample.Filepath} cannot be read."));
                continue;
            }
            if (placer.Place(sample, problems) is not { } stored) continue;
            images.Add((options.ReferenceMedia ? stored : stored["data/".Length..], size, (Detections?)objects));
        }
        var names = images.SelectMany(i => i.Objects?.Items ?? []).Select(d => d.Label ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        var categoryId = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i + 1, StringComparer.Ordinal);

        using var stream = File.Create(Path.Combine(directory, "labels.json"));
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteStartObject("info");
        w.WriteString("description", "Exported by FiftyOneBrain");
        w.WriteString("date_created", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteStartArray("licenses");
        w.WriteEndArray();
        w.WriteStartArray("categories");
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            w.WriteStartObject();
            w.WriteNumber("id", i + 1);
            w.WriteString("name", name);
            w.WriteNull("supercategory");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("images");
        for (var i = 0; i < images.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("id", i + 1);
            w.WriteString("file_name", images[i].FileName);
            w.WriteNumber("height", images[i].Size.Height);
            w.WriteNumber("width", images[i].Size.Width);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("annotations");
        var annotationId = 0;
        for (var i = 0; i < images.Count; i++)
            foreach (var d in images[i].Objects?.Items ?? [])
                WriteAnnotation(w, ++annotationId, i + 1, categoryId[d.Label ?? ""], d, images[i].Size);
        w.WriteEndArray();
        w.WriteEndObject();
        return problems;
    }

    private static void WriteAnnotation(Utf8JsonWriter w, int id, int imageId, int category, Detection d, ImageMetadata size)
    {
        double[] bbox = [d.BoundingBox[0] * size.Width, d.BoundingBox[1] * size.Height, d.BoundingBox[2] * size.Width, d.BoundingBox[3] * size.Height];
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteNumber("image_id", imageId);
        w.WriteNumber("category_id", category);
        w.WritePropertyName("bbox");
        FiftyOneJson.WriteValue(w, bbox);
        w.WritePropertyName("area");
        FiftyOneJson.WriteValue(w, bbox[2] * bbox[3]);
        w.WriteNumber("iscrowd", FieldValues.AsDouble(d.GetField("iscrowd")) is { } crowd ? (long)crowd : 0);
        if (d.Confidence is { } score)
        {
            w.WritePropertyName("score");
            FiftyOneJson.WriteValue(w, score);
        }
        foreach (var name in d.FieldNames)
        {
            if (name == "iscrowd") continue;
            w.WritePropertyName(name);
            FiftyOneJson.WriteValue(w, d.GetField(name));
        }
        w.WriteEndObject();
    }
}

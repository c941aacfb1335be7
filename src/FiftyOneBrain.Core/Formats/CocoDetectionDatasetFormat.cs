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
        using var document = LabelsFile.ParseJson(labelsPath);
        var json = document.RootElement;
        if (json.ValueKind != JsonValueKind.Object) throw LabelsFile.Malformed(labelsPath, $"it is a {json.ValueKind}, not a COCO object.");
        if (!json.TryGetProperty("images", out var images) || images.ValueKind != JsonValueKind.Array)
            throw LabelsFile.Malformed(labelsPath, "it has no \"images\" list (COCO lists every image there, with its id and file_name).");
        var categories = ReadCategories(json, labelsPath);
        var imageKeys = images.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("id", out var id) ? IdKey(id) : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var annotationsByImage = new Dictionary<string, List<(int Number, JsonElement Annotation)>>(StringComparer.Ordinal);
        if (json.TryGetProperty("annotations", out var annotations) && annotations.ValueKind != JsonValueKind.Null)
        {
            if (annotations.ValueKind != JsonValueKind.Array) throw LabelsFile.Malformed(labelsPath, "\"annotations\" must be a list.");
            var number = 0;
            foreach (var a in annotations.EnumerateArray())
            {
                number++;
                if (AnnotationProblem(a, number, imageKeys, labelsPath) is { } problem)
                {
                    yield return new ReadResult(null, problem);
                    continue;
                }
                var key = IdKey(a.GetProperty("image_id"))!;
                if (!annotationsByImage.TryGetValue(key, out var list)) annotationsByImage[key] = list = new();
                list.Add((number, a));
            }
        }
        var dataDir = Path.Combine(root, "data");
        var imageNumber = 0;
        foreach (var image in images.EnumerateArray())
            yield return ReadImage(image, ++imageNumber, dataDir, categories, annotationsByImage, labelsPath, options.LabelField);
    }

    /// <summary>Category id to name; a broken category list spoils every label, so it stops the read.</summary>
    private static Dictionary<long, string> ReadCategories(JsonElement json, string labelsPath)
    {
        var categories = new Dictionary<long, string>();
        if (!json.TryGetProperty("categories", out var cats) || cats.ValueKind == JsonValueKind.Null) return categories;
        if (cats.ValueKind != JsonValueKind.Array) throw LabelsFile.Malformed(labelsPath, "\"categories\" must be a list.");
        var number = 0;
        foreach (var c in cats.EnumerateArray())
        {
            number++;
            if (c.ValueKind != JsonValueKind.Object || !c.TryGetProperty("id", out var id) || !id.TryGetInt64(out var value)
                || !c.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                throw LabelsFile.Malformed(labelsPath, $"category {number} needs an integer \"id\" and a string \"name\".");
            if (!categories.TryAdd(value, name.GetString()!)) throw LabelsFile.Malformed(labelsPath, $"category id {value} appears twice.");
        }
        return categories;
    }

    /// <summary>Images and annotations are joined on the id's JSON value, so string ids work when both sides use them.</summary>
    private static string? IdKey(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number when id.TryGetInt64(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => "\"" + id.GetString() + "\"",
        _ => null,
    };

    private static string AnnotationName(JsonElement a, int number) =>
        a.ValueKind == JsonValueKind.Object && a.TryGetProperty("id", out var id) && IdKey(id) is { } key ? $"annotation {number} (id {key})" : $"annotation {number}";

    private static DatasetProblem? AnnotationProblem(JsonElement a, int number, HashSet<string> imageKeys, string labelsPath)
    {
        string? what = null;
        if (a.ValueKind != JsonValueKind.Object) what = $"it is a {a.ValueKind}, not an object";
        else if (!a.TryGetProperty("image_id", out var imageId)) what = "it has no image_id";
        else if (IdKey(imageId) is not { } key) what = $"image_id {imageId.GetRawText()} is neither an integer nor a string";
        else if (!imageKeys.Contains(key))
            what = $"image_id {imageId.GetRawText()} matches no image in \"images\"" + (imageId.ValueKind == JsonValueKind.String ? " (COCO image ids are integers)" : "");
        return what is null ? null
            : new DatasetProblem(DatasetProblemKind.MalformedLabels, labelsPath, $"Skipped {AnnotationName(a, number)} in {labelsPath}: {what}.");
    }

    private static ReadResult ReadImage(JsonElement image, int number, string dataDir, Dictionary<long, string> categories,
        Dictionary<string, List<(int Number, JsonElement Annotation)>> annotationsByImage, string labelsPath, string labelField)
    {
        if (image.ValueKind != JsonValueKind.Object || !image.TryGetProperty("id", out var idElement) || IdKey(idElement) is not { } id)
            return ReadResult.Fail(DatasetProblemKind.MalformedLabels, labelsPath, $"Image {number} in {labelsPath} is malformed: it needs an integer or string \"id\".");
        if (!image.TryGetProperty("file_name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            return ReadResult.Fail(DatasetProblemKind.MalformedLabels, labelsPath, $"Image {number} (id {id}) in {labelsPath} is malformed: it needs a string \"file_name\".");
        var fileName = nameElement.GetString()!;
        if (!DatasetPaths.TryResolveInside(dataDir, fileName, allowAbsolute: true, out var path))
            return ReadResult.Fail(DatasetProblemKind.PathOutsideDatasetRoot, path, $"Image {number} (id {id}) in {labelsPath} points outside the data folder: {fileName}");
        var metadata = ImageCheck.Inspect(path, out var problem);
        if (problem is not null) return new ReadResult(null, problem);
        var sample = new Sample(path) { Metadata = metadata };
        if (!annotationsByImage.TryGetValue(id, out var annotations)) return ReadResult.Of(sample);

        var detections = new Detections();
        foreach (var (annotationNumber, a) in annotations)
        {
            var where = $"{AnnotationName(a, annotationNumber)} in {labelsPath}, for image {id} ({path})";
            try
            {
                if (!a.TryGetProperty("category_id", out var category) || !category.TryGetInt64(out var categoryId))
                    throw new FormatException("it needs an integer category_id.");
                if (!categories.TryGetValue(categoryId, out var label))
                    return ReadResult.Fail(DatasetProblemKind.LabelIndexOutOfRange, labelsPath, $"The {where} has category_id {categoryId}, which is not among the categories.");
                detections.Items.Add(ToDetection(a, label, metadata!));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                return ReadResult.Fail(DatasetProblemKind.MalformedLabels, labelsPath, $"The {where} is malformed: {e.Message}");
            }
        }
        sample.SetField(labelField, detections);
        return ReadResult.Of(sample);
    }

    private static Detection ToDetection(JsonElement a, string label, ImageMetadata size)
    {
        if (!a.TryGetProperty("bbox", out var box) || box.ValueKind != JsonValueKind.Array || box.GetArrayLength() != 4
            || box.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            throw new FormatException("bbox must be [x, y, width, height] in pixels.");
        var bbox = box.EnumerateArray().Select(v => v.GetDouble()).ToArray();
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
                problems.Add(DatasetProblem.UnsupportedLabel(sample, options.LabelField, objects, "COCO stores Detections"));
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

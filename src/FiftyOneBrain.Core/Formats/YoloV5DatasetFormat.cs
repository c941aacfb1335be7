using System.Globalization;
using System.Text;
using FiftyOneBrain.Samples;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FiftyOneBrain.Formats;

/// <summary>
/// fo.types.YOLOv5Dataset: data.yaml ("names" as a list or an index map, and one entry per split pointing
/// at its image folder, e.g. "train: ./images/train/"), images/&lt;split&gt;/x.jpg and labels/&lt;split&gt;/x.txt
/// with one line per object: "class cx cy w h [confidence]", all relative to the image size.
/// Split folders are named train, val and test ("validation" maps to val). Without -Split every split
/// listed in data.yaml is read; samples are tagged with their split. An image without a labels file is unlabeled.
/// </summary>
public sealed class YoloV5DatasetFormat : IDatasetFormat
{
    private static readonly string[] SplitKeys = ["train", "val", "test"];

    public string Name => "YOLOv5Dataset";
    public bool CanWrite => true;

    private static string YoloSplit(string split) => split == DatasetSplit.Validation ? "val" : split;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var yamlPath = Path.Combine(datasetDirectory, "data.yaml");
        if (!File.Exists(yamlPath)) throw new FileNotFoundException($"Not a YOLOv5Dataset: {yamlPath} is missing.", yamlPath);
        return ReadYolo(datasetDirectory, yamlPath, options).LimitSamples(options.MaxSamples);
    }

    private static IEnumerable<ReadResult> ReadYolo(string root, string yamlPath, DatasetReadOptions options)
    {
        var config = ParseYaml(yamlPath, out var yamlProblem);
        if (yamlProblem is not null)
        {
            yield return new ReadResult(null, yamlProblem);
            yield break;
        }
        var (names, folders) = config!.Value;
        var wanted = DatasetSplit.Normalize(options.Split) is { } s ? [YoloSplit(s)] : SplitKeys;
        foreach (var split in wanted.Where(folders.ContainsKey))
        {
            if (!DatasetPaths.TryResolveInside(root, folders[split], allowAbsolute: false, out var imagesDir))
            {
                yield return ReadResult.Fail(DatasetProblemKind.PathOutsideDatasetRoot, imagesDir, $"The '{split}' entry of {yamlPath} points outside the dataset directory.");
                continue;
            }
            if (!Directory.Exists(imagesDir))
            {
                yield return ReadResult.Fail(DatasetProblemKind.MediaFileMissing, imagesDir, $"The '{split}' image folder of {yamlPath} does not exist.");
                continue;
            }
            var images = Directory.EnumerateFiles(imagesDir, "*", SearchOption.AllDirectories).Where(ImageCheck.HasImageExtension).Order(StringComparer.Ordinal);
            foreach (var image in images)
                yield return ReadImage(image, split == "val" ? DatasetSplit.Validation : split, names, options.LabelField);
        }
    }

    private static (string[] Names, Dictionary<string, string> Folders)? ParseYaml(string path, out DatasetProblem? problem)
    {
        problem = null;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
                throw new FormatException("data.yaml must be a mapping.");
            var namesNode = map.Children.TryGetValue(new YamlScalarNode("names"), out var n) ? n : throw new FormatException("data.yaml has no 'names'.");
            var names = namesNode switch
            {
                YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToArray(),
                YamlMappingNode byIndex => byIndex.Children
                    .Select(kv => (Index: int.Parse(((YamlScalarNode)kv.Key).Value!, CultureInfo.InvariantCulture), Name: ((YamlScalarNode)kv.Value).Value ?? ""))
                    .OrderBy(x => x.Index).Select((x, i) => x.Index == i ? x.Name : throw new FormatException("'names' indices must be 0..n-1.")).ToArray(),
                _ => throw new FormatException("'names' must be a list or a map."),
            };
            var folders = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in SplitKeys)
                if (map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { Length: > 0 } folder })
                    folders[key] = folder;
            return (names, folders);
        }
        catch (Exception e) when (e is YamlException or FormatException or InvalidCastException or OverflowException or InvalidOperationException)
        {
            problem = new DatasetProblem(DatasetProblemKind.MalformedLabels, path, $"Malformed YAML in {path}: {e.Message}");
            return null;
        }
    }

    private static ReadResult ReadImage(string imagePath, string split, string[] names, string labelField)
    {
        var metadata = ImageCheck.Inspect(imagePath, out var problem);
        if (problem is not null) return new ReadResult(null, problem);
        var sample = new Sample(imagePath) { Metadata = metadata };
        sample.Tags.Add(split);
        var labelsPath = LabelsPathOf(imagePath);
        if (!File.Exists(labelsPath)) return ReadResult.Of(sample);
        var detections = new Detections();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(labelsPath))
        {
            lineNumber++;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            var numbers = new double[parts.Length];
            if (parts.Length is not (5 or 6) || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok))
                return ReadResult.Fail(DatasetProblemKind.MalformedLabels, labelsPath, $"Line {lineNumber} of {labelsPath} is not 'class cx cy w h [confidence]'.");
            var index = (int)numbers[0];
            if (index != numbers[0] || index < 0 || index >= names.Length)
                return ReadResult.Fail(DatasetProblemKind.LabelIndexOutOfRange, labelsPath, $"Line {lineNumber} of {labelsPath} has class {parts[0]}, but data.yaml names {names.Length} classes.");
            var (cx, cy, w, h) = (numbers[1], numbers[2], numbers[3], numbers[4]);
            detections.Items.Add(new Detection(names[index], [cx - w / 2, cy - h / 2, w, h], parts.Length == 6 ? numbers[5] : null));
        }
        sample.SetField(labelField, detections);
        return ReadResult.Of(sample);
    }

    /// <summary>YOLO's convention: the last "images" folder in the path becomes "labels", the extension ".txt".</summary>
    private static string LabelsPathOf(string imagePath)
    {
        var parts = imagePath.Split(Path.DirectorySeparatorChar);
        var i = Array.LastIndexOf(parts, "images");
        if (i >= 0) parts[i] = "labels";
        return Path.ChangeExtension(string.Join(Path.DirectorySeparatorChar, parts), ".txt");
    }

    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var split = YoloSplit(DatasetSplit.Normalize(options.Split) ?? DatasetSplit.Validation);
        var problems = new List<DatasetProblem>();
        var placer = new MediaPlacer(directory, $"images/{split}", reference: false);
        // data.yaml names the split's image folder, so it must exist even when no image lands in it.
        Directory.CreateDirectory(Path.Combine(directory, "images", split));
        var written = new List<(string Image, Detections? Objects)>();
        foreach (var sample in samples)
        {
            var objects = sample.GetField(options.LabelField);
            if (objects is not (null or Detections))
            {
                problems.Add(new DatasetProblem(DatasetProblemKind.UnsupportedLabel, sample.Filepath, $"Field '{options.LabelField}' holds a {objects.GetType().Name}; YOLO stores Detections."));
                continue;
            }
            if (placer.PlaceFull(sample, problems) is { } image) written.Add((image, (Detections?)objects));
        }
        var names = written.SelectMany(x => x.Objects?.Items ?? []).Select(d => d.Label ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        foreach (var (image, objects) in written)
        {
            if (objects is null) continue;
            var labelsPath = LabelsPathOf(image);
            Directory.CreateDirectory(Path.GetDirectoryName(labelsPath)!);
            var text = new StringBuilder();
            foreach (var d in objects.Items)
            {
                var (x, y, w, h) = (d.BoundingBox[0], d.BoundingBox[1], d.BoundingBox[2], d.BoundingBox[3]);
                text.Append(CultureInfo.InvariantCulture, $"{index[d.Label ?? ""]} {x + w / 2:R} {y + h / 2:R} {w:R} {h:R}");
                if (d.Confidence is { } c) text.Append(CultureInfo.InvariantCulture, $" {c:R}");
                text.Append('\n');
            }
            File.WriteAllText(labelsPath, text.ToString());
        }
        WriteYaml(Path.Combine(directory, "data.yaml"), split, names);
        return problems;
    }

    private static void WriteYaml(string path, string split, List<string> names)
    {
        var map = new YamlMappingNode
        {
            { "path", "." },
            { split, $"./images/{split}/" },
            { "nc", names.Count.ToString(CultureInfo.InvariantCulture) },
        };
        var byIndex = new YamlMappingNode();
        for (var i = 0; i < names.Count; i++)
            byIndex.Add(i.ToString(CultureInfo.InvariantCulture), new YamlScalarNode(names[i]) { Style = ScalarStyle.DoubleQuoted });
        map.Add("names", byIndex);
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(map)).Save(writer, assignAnchors: false);
    }
}

using System.Globalization;
using System.Text;
using FiftyOneBrain.Samples;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FiftyOneBrain.Formats;

/// <summary>
/// fo.types.YOLOv5Dataset: data.yaml ("names" as a list or an index map, and one entry per split pointing
/// at its image folder, e.g. "train: ./images/train/"), images/&lt;split&gt;/x.jpg and labels/&lt;split&gt;/x.txt
/// with one line per object: "class cx cy w h [confidence]", all relative to the image size, or a polygon
/// "class x1 y1 x2 y2 ..." (the segment rows Roboflow and YOLOv8-seg write), read as its bounding box.
/// Split folders are named train, val and test ("validation" maps to val). Without -Split every split
/// listed in data.yaml is read; samples are tagged with their split. An image without a labels file is unlabeled.
/// A row that cannot be read is one problem; the image keeps its other rows.
/// </summary>
public sealed class YoloV5DatasetFormat : IDatasetFormat
{
    internal static readonly string[] SplitKeys = ["train", "val", "test"];

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
        var config = YoloDataYaml.Read(yamlPath);
        var wanted = DatasetSplit.Normalize(options.Split) is { } s ? [YoloSplit(s)] : SplitKeys;
        foreach (var split in wanted.Where(config.Folders.ContainsKey))
        {
            foreach (var entry in config.Folders[split])
            {
                var imagesDir = YoloDataYaml.ResolveFolder(root, yamlPath, split, entry, options.Warning, out var folderProblem);
                if (imagesDir is null)
                {
                    yield return new ReadResult(null, folderProblem);
                    continue;
                }
                var images = Directory.EnumerateFiles(imagesDir, "*", SearchOption.AllDirectories).Where(ImageCheck.HasImageExtension).Order(StringComparer.Ordinal);
                foreach (var image in images)
                    foreach (var result in ReadImage(image, split == "val" ? DatasetSplit.Validation : split, config.Names, options.LabelField))
                        yield return result;
            }
        }
    }

    /// <summary>The image's sample, preceded by one problem per label row that cannot be read (the other rows are kept).</summary>
    private static IEnumerable<ReadResult> ReadImage(string imagePath, string split, IReadOnlyList<string> names, string labelField)
    {
        var metadata = ImageCheck.Inspect(imagePath, out var problem);
        if (problem is not null)
        {
            yield return new ReadResult(null, problem);
            yield break;
        }
        var sample = new Sample(imagePath) { Metadata = metadata };
        sample.Tags.Add(split);
        var labelsPath = LabelsPathOf(imagePath);
        if (File.Exists(labelsPath))
        {
            var detections = new Detections();
            var lineNumber = 0;
            foreach (var line in File.ReadLines(labelsPath))
            {
                lineNumber++;
                var row = YoloLabelRow.Parse(line, lineNumber, labelsPath, names, out var rowProblem);
                if (rowProblem is not null) yield return new ReadResult(null, rowProblem);
                else if (row is not null) detections.Items.Add(row);
            }
            sample.SetField(labelField, detections);
        }
        yield return ReadResult.Of(sample);
    }

    /// <summary>YOLO's convention: the last "images" folder in the path becomes "labels", the extension ".txt".</summary>
    private static string LabelsPathOf(string imagePath)
    {
        var parts = imagePath.Split(Path.DirectorySeparatorChar);
        var i = Array.LastIndexOf(parts, "images");
        if (i >= 0) parts[i] = "labels";
        return Path.ChangeExtension(string.Join(Path.DirectorySeparatorChar, parts), ".txt");
    }

    /// <summary>
    /// Writes every sample to the split its tags name (train; validation or val; test), as FiftyOne exports a split per
    /// tag; with <see cref="DatasetWriteOptions.Split"/> every sample goes to that split. Untagged samples go to val.
    /// </summary>
    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var fixedSplit = DatasetSplit.Normalize(options.Split) is { } s ? YoloSplit(s) : null;
        var problems = new List<DatasetProblem>();
        var placers = new Dictionary<string, MediaPlacer>(StringComparer.Ordinal);
        var written = new List<(string Image, Detections? Objects)>();
        foreach (var sample in samples)
        {
            var objects = sample.GetField(options.LabelField);
            if (objects is not (null or Detections))
            {
                problems.Add(DatasetProblem.UnsupportedLabel(sample, options.LabelField, objects, "YOLO stores Detections"));
                continue;
            }
            var split = fixedSplit ?? SplitOf(sample) ?? "val";
            if (!placers.TryGetValue(split, out var placer)) placers[split] = placer = new MediaPlacer(directory, $"images/{split}", reference: false);
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
        var splits = SplitKeys.Where(placers.ContainsKey).DefaultIfEmpty(fixedSplit ?? "val").ToList();
        // data.yaml names each split's image folder, so it must exist even when no image landed in it.
        foreach (var split in splits) Directory.CreateDirectory(Path.Combine(directory, "images", split));
        WriteYaml(Path.Combine(directory, "data.yaml"), splits, names);
        return problems;
    }

    /// <summary>The YOLO split folder named by the sample's first split tag, or null when it has none.</summary>
    private static string? SplitOf(Sample sample)
    {
        foreach (var tag in sample.Tags)
        {
            switch (tag.Trim().ToLowerInvariant())
            {
                case "train" or "training": return "train";
                case "val" or "valid" or "validation": return "val";
                case "test" or "testing": return "test";
            }
        }
        return null;
    }

    private static void WriteYaml(string path, List<string> splits, List<string> names)
    {
        var map = new YamlMappingNode { { "path", "." } };
        foreach (var split in splits) map.Add(split, $"./images/{split}/");
        map.Add("nc", names.Count.ToString(CultureInfo.InvariantCulture));
        var byIndex = new YamlMappingNode();
        for (var i = 0; i < names.Count; i++)
            byIndex.Add(i.ToString(CultureInfo.InvariantCulture), new YamlScalarNode(names[i]) { Style = ScalarStyle.DoubleQuoted });
        map.Add("names", byIndex);
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(map)).Save(writer, assignAnchors: false);
    }
}

using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FiftyOneBrain.Formats;

/// <summary>
/// A YOLO data.yaml: the class names ("names" as a list or an index map, or only "nc") and, per split, one or more
/// image folders. Anything else in it (Roboflow's "roboflow:" block, "nc", "path") is ignored. A data.yaml that
/// cannot be used stops the read with what is wrong and where.
/// </summary>
public sealed record YoloDataYaml(IReadOnlyList<string> Names, IReadOnlyDictionary<string, IReadOnlyList<string>> Folders)
{
    /// <exception cref="MalformedDatasetFileException">Not YAML, not a mapping, or no usable class names.</exception>
    public static YoloDataYaml Read(string path)
    {
        YamlMappingNode map;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            map = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m
                : throw LabelsFile.Malformed(path, "it must be a mapping of keys (names, train, val, test).");
        }
        catch (YamlException e)
        {
            throw new MalformedDatasetFileException(path, $"Malformed YAML in {path}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports some malformed documents (e.g. "names: [a, b]*a") this way, with a .NET parameter name.
            throw new MalformedDatasetFileException(path, $"Malformed YAML in {path}: it could not be parsed (an alias or anchor where a value belongs?).", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some unterminated flow collections this way, with no position.
            throw new MalformedDatasetFileException(path, $"Malformed YAML in {path}: it ends inside a list or mapping (an unclosed '[' or '{{'?).", e);
        }
        var folders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in YoloV5DatasetFormat.SplitKeys)
        {
            // Ultralytics accepts "validation" for "val".
            var node = Child(map, key) ?? (key == "val" ? Child(map, "validation") : null);
            if (node is not null && FolderList(node, key, path) is { Count: > 0 } list) folders[key] = list;
        }
        return new YoloDataYaml(ReadNames(map, path), folders);
    }

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static List<string> FolderList(YamlNode node, string key, string path) => node switch
    {
        YamlScalarNode { Value: var v } => string.IsNullOrWhiteSpace(v) || v == "null" ? [] : [v],
        YamlSequenceNode list => list.Children.Select(c => c is YamlScalarNode { Value: { Length: > 0 } v } ? v
            : throw LabelsFile.Malformed(path, $"'{key}' must list folder paths.")).ToList(),
        _ => throw LabelsFile.Malformed(path, $"'{key}' must be a folder path or a list of them."),
    };

    private static string[] ReadNames(YamlMappingNode map, string path)
    {
        switch (Child(map, "names"))
        {
            case YamlSequenceNode list:
                return list.Children.Select((c, i) => c is YamlScalarNode scalar ? scalar.Value ?? ""
                    : throw LabelsFile.Malformed(path, $"'names' entry {i + 1} is a {c.NodeType}, not a class name.")).ToArray();
            case YamlMappingNode byIndex:
                var pairs = byIndex.Children.Select(kv =>
                    kv.Key is YamlScalarNode { Value: var k } && int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && kv.Value is YamlScalarNode name
                        ? (Index: index, Name: name.Value ?? "")
                        : throw LabelsFile.Malformed(path, $"'names' must map class indices 0..n-1 to names; '{kv.Key}' is not a class index.")).OrderBy(x => x.Index).ToList();
                for (var i = 0; i < pairs.Count; i++)
                    if (pairs[i].Index != i) throw LabelsFile.Malformed(path, $"'names' indices must be 0..{pairs.Count - 1}; {i} is missing.");
                return pairs.Select(x => x.Name).ToArray();
            case null:
                // Ultralytics names the classes class_0 ... when only their number is given.
                if (Child(map, "nc") is YamlScalarNode { Value: var nc } && int.TryParse(nc, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                    return Enumerable.Range(0, count).Select(i => $"class_{i}").ToArray();
                throw LabelsFile.Malformed(path, "it has no 'names' (the class list) and no 'nc'.");
            case var other:
                throw LabelsFile.Malformed(path, $"'names' must be a list or a map of class names, not '{other}'.");
        }
    }

    /// <summary>
    /// The folder a split entry names, resolved against the dataset directory as Ultralytics does: when a relative
    /// "../x" does not exist, "x" under the dataset (Roboflow writes "../train/images" next to data.yaml); when an
    /// absolute path from the exporter's machine does not exist here, the longest tail of it that exists under the
    /// dataset, with a warning. Paths that exist outside the dataset stay refused.
    /// </summary>
    public static string? ResolveFolder(string root, string yamlPath, string split, string entry, Action<string>? warn, out DatasetProblem? problem)
    {
        problem = null;
        if (Path.IsPathRooted(entry))
        {
            var full = Path.GetFullPath(entry);
            var inside = DatasetPaths.TryResolveInside(root, Path.GetRelativePath(root, full), allowAbsolute: false, out _);
            if (Directory.Exists(full))
            {
                if (inside) return full;
                problem = new DatasetProblem(DatasetProblemKind.PathOutsideDatasetRoot, full, $"The '{split}' entry of {yamlPath} points outside the dataset directory: {entry}");
                return null;
            }
            if (TailUnder(root, entry) is { } local)
            {
                warn?.Invoke($"The '{split}' entry of {yamlPath} is {entry}, which does not exist here (a path on the exporter's machine?); reading {local} instead.");
                return local;
            }
            problem = new DatasetProblem(DatasetProblemKind.MediaFileMissing, full, $"The '{split}' image folder of {yamlPath} does not exist: {entry}, and no folder of the dataset ends the same way.");
            return null;
        }
        var insideRoot = DatasetPaths.TryResolveInside(root, entry, allowAbsolute: false, out var resolved);
        if (insideRoot && Directory.Exists(resolved)) return resolved;
        var normalized = entry.Replace('\\', '/');
        if (!insideRoot && normalized.StartsWith("../", StringComparison.Ordinal)
            && DatasetPaths.TryResolveInside(root, normalized[3..], allowAbsolute: false, out var dropped))
        {
            if (Directory.Exists(dropped)) return dropped;
            problem = new DatasetProblem(DatasetProblemKind.MediaFileMissing, dropped, $"The '{split}' image folder of {yamlPath} does not exist: {entry} (read as {dropped}).");
            return null;
        }
        problem = insideRoot
            ? new DatasetProblem(DatasetProblemKind.MediaFileMissing, resolved, $"The '{split}' image folder of {yamlPath} does not exist: {resolved}")
            : new DatasetProblem(DatasetProblemKind.PathOutsideDatasetRoot, resolved, $"The '{split}' entry of {yamlPath} points outside the dataset directory: {entry}");
        return null;
    }

    /// <summary>The longest trailing part of <paramref name="absolute"/> that is a folder inside <paramref name="root"/>.</summary>
    private static string? TailUnder(string root, string absolute)
    {
        var parts = absolute.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries).Where(p => p is not ("." or "..") && !p.EndsWith(':')).ToArray();
        for (var take = parts.Length - 1; take >= 1; take--)
            if (DatasetPaths.TryResolveInside(root, string.Join('/', parts[^take..]), allowAbsolute: false, out var candidate) && Directory.Exists(candidate))
                return candidate;
        return null;
    }
}

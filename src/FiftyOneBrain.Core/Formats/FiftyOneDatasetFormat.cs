using System.Text.Json;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// FiftyOne's own export (fo.types.FiftyOneDataset): samples.json {"samples": [...]} holding every sample
/// document (id, filepath, tags, metadata, every field and label attribute), metadata.json holding the
/// dataset document with the field schema, and data/ with the media. Relative filepaths resolve against
/// the dataset directory and may not leave it; absolute ones (exports without media) are kept.
/// -Split selects the samples tagged with that split. Nothing is lost on a round trip.
/// </summary>
public sealed class FiftyOneDatasetFormat : IDatasetFormat
{
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal)
        { "filepath", "tags", "metadata", "created_at", "last_modified_at", "media_type", "id" };

    public string Name => "FiftyOneDataset";
    public bool CanWrite => true;

    public IEnumerable<ReadResult> Read(string datasetDirectory, DatasetReadOptions options)
    {
        DatasetPaths.RequireDirectory(datasetDirectory);
        var samplesPath = Path.Combine(datasetDirectory, "samples.json");
        if (!File.Exists(samplesPath)) throw new FileNotFoundException($"Not a FiftyOneDataset: {samplesPath} is missing.", samplesPath);
        return ReadSamples(datasetDirectory, samplesPath, options).LimitSamples(options.MaxSamples);
    }

    private static IEnumerable<ReadResult> ReadSamples(string root, string samplesPath, DatasetReadOptions options)
    {
        using var document = LabelsFile.ParseJson(samplesPath);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("samples", out var samples) || samples.ValueKind != JsonValueKind.Array)
            throw LabelsFile.Malformed(samplesPath, "it has no \"samples\" list.");
        var split = DatasetSplit.Normalize(options.Split);
        var ids = new Dictionary<string, (int Number, string Filepath)>(StringComparer.Ordinal);
        var number = 0;
        foreach (var element in samples.EnumerateArray())
        {
            var result = ReadSample(element, ++number, root, samplesPath, ids);
            if (result.Sample is { } s && split is not null && !s.Tags.Contains(split)) continue;
            yield return result;
        }
    }

    /// <summary>"Sample 3 (id 65a..., data/x.png)": the 1-based position in samples.json with whatever identifies the entry.</summary>
    private static string Describe(JsonElement e, int number)
    {
        var parts = new List<string>();
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty("_id", out var id) && IdOf(id) is { } text) parts.Add($"id {text}");
            if (e.TryGetProperty("filepath", out var fp) && fp.ValueKind == JsonValueKind.String) parts.Add(fp.GetString()!);
        }
        return parts.Count == 0 ? $"Sample {number}" : $"Sample {number} ({string.Join(", ", parts)})";
    }

    private static string? IdOf(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => id.GetString(),
        JsonValueKind.Object when id.TryGetProperty("$oid", out var oid) && oid.ValueKind == JsonValueKind.String => oid.GetString(),
        _ => null,
    };

    private static ReadResult ReadSample(JsonElement e, int number, string root, string samplesPath, Dictionary<string, (int Number, string Filepath)> ids)
    {
        Sample sample;
        try
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"it is a {e.ValueKind}, not a sample document.");
            if (!e.TryGetProperty("filepath", out var fp) || fp.ValueKind != JsonValueKind.String) throw new FormatException("it has no filepath.");
            var filepath = fp.GetString()!;
            if (!DatasetPaths.TryResolveInside(root, filepath, allowAbsolute: true, out var full))
                return ReadResult.Fail(DatasetProblemKind.PathOutsideDatasetRoot, full, $"{Describe(e, number)} in {samplesPath} points outside the dataset directory: {filepath}");
            string? id = null;
            if (e.TryGetProperty("_id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
                id = IdOf(idElement) ?? throw new FormatException("_id must be a string or {\"$oid\": ...}.");
            if (id is not null && ids.TryGetValue(id, out var first))
                return ReadResult.Fail(DatasetProblemKind.DuplicateSampleId, full,
                    $"{Describe(e, number)} in {samplesPath} has the same _id as sample {first.Number} ({first.Filepath}), so it is not imported: " +
                    "FiftyOne refuses duplicate ids, and either copy could be the real one. Give it a new _id or remove it.");
            sample = new Sample(full, id);
            if (id is not null) ids[id] = (number, filepath);
            if (e.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
                sample.Tags.AddRange(tags.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new FormatException("tags must be strings.")));
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name.StartsWith('_') || BuiltIn.Contains(p.Name) || p.Value.ValueKind == JsonValueKind.Null) continue;
                try { sample.SetField(p.Name, FiftyOneJson.ReadValue(p.Value)); }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
                {
                    throw new FormatException($"field '{p.Name}': {ex.Message}");
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            return ReadResult.Fail(DatasetProblemKind.MalformedLabels, samplesPath, $"{Describe(e, number)} in {samplesPath} is malformed: {ex.Message}");
        }
        var metadata = ImageCheck.Inspect(sample.Filepath, out var problem);
        if (problem is not null) return new ReadResult(null, problem with { Message = $"{Describe(e, number)} in {samplesPath}: {problem.Message}" });
        sample.Metadata = metadata;
        return ReadResult.Of(sample);
    }

    public IReadOnlyList<DatasetProblem> Write(IEnumerable<Sample> samples, string directory, DatasetWriteOptions options)
    {
        Directory.CreateDirectory(directory);
        var problems = new List<DatasetProblem>();
        var media = new MediaPlacer(directory, "data", options.ReferenceMedia);
        var schema = new FiftyOneSchema();
        var count = 0;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var stream = File.Create(Path.Combine(directory, "samples.json")))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("samples");
            foreach (var sample in samples)
            {
                if (!ids.TryAdd(sample.Id, sample.Filepath))
                {
                    problems.Add(new DatasetProblem(DatasetProblemKind.DuplicateSampleId, sample.Filepath,
                        $"Sample {sample.Id} ({sample.Filepath}) has the same id as {ids[sample.Id]}, which is already written; FiftyOne refuses duplicate ids. Give it a new id (New-FoSample) or leave it out."));
                    continue;
                }
                if (media.Place(sample, problems) is not { } filepath) continue;
                WriteSample(w, sample, filepath);
                schema.Observe(sample);
                count++;
                if (count % 1000 == 0) w.Flush();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        using (var stream = File.Create(Path.Combine(directory, "metadata.json")))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            schema.WriteDatasetDocument(w, options.DatasetName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), count);
        return problems;
    }

    private static void WriteSample(Utf8JsonWriter w, Sample sample, string filepath)
    {
        var now = DateTime.UtcNow;
        w.WriteStartObject();
        FiftyOneJson.WriteObjectId(w, "_id", sample.Id);
        w.WriteString("filepath", filepath);
        w.WritePropertyName("tags");
        FiftyOneJson.WriteValue(w, sample.Tags);
        w.WritePropertyName("metadata");
        if (sample.Metadata is { } m)
        {
            w.WriteStartObject();
            w.WriteString("_cls", "ImageMetadata");
            w.WriteNumber("size_bytes", m.SizeBytes);
            w.WriteString("mime_type", m.MimeType);
            w.WriteNumber("width", m.Width);
            w.WriteNumber("height", m.Height);
            w.WriteNumber("num_channels", m.NumChannels);
            w.WriteEndObject();
        }
        else w.WriteNullValue();
        w.WriteString("_media_type", "image");
        w.WritePropertyName("created_at"); FiftyOneJson.WriteValue(w, now);
        w.WritePropertyName("last_modified_at"); FiftyOneJson.WriteValue(w, now);
        foreach (var name in sample.FieldNames)
        {
            w.WritePropertyName(name);
            FiftyOneJson.WriteValue(w, sample.GetField(name));
        }
        w.WriteEndObject();
    }
}

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
        using var document = LabelsFile.ParseJson(samplesPath, out var parseProblem);
        if (parseProblem is not null)
        {
            yield return new ReadResult(null, parseProblem);
            yield break;
        }
        if (!document!.RootElement.TryGetProperty("samples", out var samples) || samples.ValueKind != JsonValueKind.Array)
        {
            yield return ReadResult.Fail(DatasetProblemKind.MalformedLabels, samplesPath, "samples.json has no \"samples\" list.");
            yield break;
        }
        var split = DatasetSplit.Normalize(options.Split);
        var index = 0;
        foreach (var element in samples.EnumerateArray())
        {
            var result = ReadSample(element, index++, root, samplesPath);
            if (result.Sample is { } s && split is not null && !s.Tags.Contains(split)) continue;
            yield return result;
        }
    }

    private static ReadResult ReadSample(JsonElement e, int index, string root, string samplesPath)
    {
        Sample sample;
        try
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("filepath", out var fp) || fp.ValueKind != JsonValueKind.String)
                throw new FormatException("it has no filepath.");
            var filepath = fp.GetString()!;
            if (!DatasetPaths.TryResolveInside(root, filepath, allowAbsolute: true, out var full))
                return ReadResult.Fail(DatasetProblemKind.PathOutsideDatasetRoot, full, $"Sample {index} of {samplesPath} points outside the dataset directory: {filepath}");
            sample = new Sample(full, e.TryGetProperty("_id", out var id) ? FiftyOneJson.ReadValue(id) as string : null);
            if (e.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
                sample.Tags.AddRange(tags.EnumerateArray().Select(t => t.GetString() ?? throw new FormatException("tags must be strings.")));
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name.StartsWith('_') || BuiltIn.Contains(p.Name) || p.Value.ValueKind == JsonValueKind.Null) continue;
                sample.SetField(p.Name, FiftyOneJson.ReadValue(p.Value));
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            return ReadResult.Fail(DatasetProblemKind.MalformedLabels, samplesPath, $"Sample {index} of {samplesPath} is malformed: {ex.Message}");
        }
        var metadata = ImageCheck.Inspect(sample.Filepath, out var problem);
        if (problem is not null) return new ReadResult(null, problem);
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
        using (var stream = File.Create(Path.Combine(directory, "samples.json")))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("samples");
            foreach (var sample in samples)
            {
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
            schema.WriteDatasetDocument(w, Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), count);
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

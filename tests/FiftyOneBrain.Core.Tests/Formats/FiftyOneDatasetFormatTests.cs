using System.Text.Json;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

public sealed class FiftyOneDatasetFormatTests
{
    private static readonly FiftyOneDatasetFormat Format = new();

    /// <summary>Samples with every kind of value a field can hold, on real images.</summary>
    private static List<Sample> RichSamples(TempDir dir)
    {
        var a = new Sample(FormatTestFiles.CopyPhoto("chelsea.png", dir["src/chelsea.png"]));
        a.Tags.AddRange(["train", "reviewed"]);
        var gt = new Classification("cat");
        gt.SetField("tags", new[] { "checked" });
        a.SetField("ground_truth", gt);
        var prediction = new Classification("dog", 0.75, [1.5, -0.25, 3.0]);
        prediction.SetField("mistakenness", 0.8125);
        a.SetField("predictions", prediction);
        a.SetField("uniqueness", 1.0);
        a.SetField("hardness", 0.123456789012345);
        a.SetField("embedding", new[] { 0.1, 0.2, -3.5 });
        a.SetField("count", 42L);
        a.SetField("note", "whiskers \"quoted\"");
        a.SetField("flagged", true);
        a.SetField("seen", new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc));
        a.SetField("extra", new Dictionary<string, object?> { ["k"] = "v", ["n"] = 2L });

        var b = new Sample(FormatTestFiles.RenderPng(dir["src/sub/chelsea.png"], 40, 30, SKColors.Orange));
        var box = new Detection("car", [0.1, 0.2, 0.5, 0.25], 0.9);
        box.SetField("mistakenness_loc", 0.3);
        box.SetField("possible_missing", true);
        var dets = new Detections([box, new Detection("person", [0, 0, 0.125, 1.0])]);
        b.SetField("objects", dets);
        b.SetField("multi", new Classifications([new Classification("x"), new Classification("y", 0.5)]));
        b.SetField("mistakenness", -1.0);
        return [a, b];
    }

    [Fact]
    public void Round_trip_keeps_ids_tags_every_field_and_label_attribute()
    {
        using var dir = new TempDir();
        var samples = RichSamples(dir);
        var problems = Format.Write(samples, dir["export"], DatasetWriteOptions.Default);
        Assert.Empty(problems);

        var back = Format.Read(dir["export"], DatasetReadOptions.Default).SamplesOrThrow();

        Assert.Equal(samples.Select(s => SampleComparison.Describe(s)), back.Select(s => SampleComparison.Describe(s)));
        Assert.All(back, s => Assert.StartsWith(dir["export/data/"], s.Filepath));
        Assert.Equal(["chelsea.png", "chelsea-1.png"], back.Select(s => Path.GetFileName(s.Filepath)));
    }

    [Fact]
    public void Writes_FiftyOne_document_shapes()
    {
        using var dir = new TempDir();
        Format.Write(RichSamples(dir), dir["export"], DatasetWriteOptions.Default);
        using var samplesJson = JsonDocument.Parse(File.ReadAllText(dir["export/samples.json"]));
        var first = samplesJson.RootElement.GetProperty("samples")[0];

        Assert.Matches("^[0-9a-f]{24}$", first.GetProperty("_id").GetProperty("$oid").GetString());
        Assert.Equal("data/chelsea.png", first.GetProperty("filepath").GetString());
        Assert.Equal("ImageMetadata", first.GetProperty("metadata").GetProperty("_cls").GetString());
        Assert.Equal(451, first.GetProperty("metadata").GetProperty("width").GetInt32());
        Assert.Equal("1.0", first.GetProperty("uniqueness").GetRawText());
        var prediction = first.GetProperty("predictions");
        Assert.Equal("Classification", prediction.GetProperty("_cls").GetString());
        Assert.Equal(0.8125, prediction.GetProperty("mistakenness").GetDouble());
        Assert.True(prediction.GetProperty("logits").TryGetProperty("$binary", out _), "logits are a VectorField blob, as FiftyOne stores them");
        var second = samplesJson.RootElement.GetProperty("samples")[1];
        var detection = second.GetProperty("objects").GetProperty("detections")[0];
        Assert.Equal(("Detection", 0.25), (detection.GetProperty("_cls").GetString(), detection.GetProperty("bounding_box")[3].GetDouble()));
        Assert.True(detection.GetProperty("possible_missing").GetBoolean());

        using var metadata = JsonDocument.Parse(File.ReadAllText(dir["export/metadata.json"]));
        var fields = metadata.RootElement.GetProperty("sample_fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("fiftyone.core.labels.Detections", fields["objects"].GetProperty("embedded_doc_type").GetString());
        Assert.Equal("fiftyone.core.fields.FloatField", fields["uniqueness"].GetProperty("ftype").GetString());
        Assert.Equal("_id", fields["id"].GetProperty("db_field").GetString());
        var detectionFields = fields["objects"].GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "detections").GetProperty("fields");
        Assert.Contains(detectionFields.EnumerateArray(), f => f.GetProperty("name").GetString() == "mistakenness_loc");
        Assert.Equal(FiftyOneSchema.DocumentVersion, metadata.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void Reads_a_FiftyOne_written_sample_with_numpy_logits_and_legacy_attributes()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/camera.png"]);
        // logits [1.0, 2.0] as FiftyOne stores a VectorField: zlib-compressed float64 .npy, base64.
        var npy = Convert.ToBase64String(ZlibNpy([1.0, 2.0]));
        File.WriteAllText(dir["samples.json"], """
            {"samples": [{"_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}, "filepath": "data/camera.png", "tags": ["test"],
              "_media_type": "image", "_rand": 0.5, "_dataset_id": {"$oid": "65a1b2c3d4e5f60718293a4c"},
              "metadata": null, "created_at": {"$date": "2024-01-02T03:04:05.000Z"},
              "gt": {"_id": {"$oid": "65a1b2c3d4e5f60718293a4d"}, "_cls": "Classification", "tags": [], "label": "man",
                     "confidence": null, "logits": {"$binary": {"base64": "NPY", "subType": "00"}},
                     "attributes": {"occluded": {"_cls": "BooleanAttribute", "value": false}}},
              "score": {"$numberDouble": "NaN"}}]}
            """.Replace("NPY", npy));
        var sample = Assert.Single(Format.Read(dir.Path, DatasetReadOptions.Default).SamplesOrThrow());

        Assert.Equal("65a1b2c3d4e5f60718293a4b", sample.Id);
        Assert.Equal(["test"], sample.Tags);
        Assert.Equal(512, sample.Metadata!.Width);
        var gt = sample.GetField<Classification>("gt")!;
        Assert.Equal(("65a1b2c3d4e5f60718293a4d", "man", null), (gt.Id, gt.Label, gt.Confidence));
        Assert.Equal([1.0, 2.0], gt.Logits!);
        Assert.Equal(false, gt.GetField("occluded"));
        Assert.True(double.IsNaN((double)sample.GetField("score")!));
        Assert.Equal(["gt", "score"], sample.FieldNames);
    }

    private static byte[] ZlibNpy(double[] values)
    {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + values.Length + ",), }";
        header = header.PadRight(117) + "\n";
        var npy = new MemoryStream();
        npy.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
        npy.Write(System.Text.Encoding.ASCII.GetBytes(header));
        foreach (var v in values) npy.Write(BitConverter.GetBytes(v));
        var output = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) z.Write(npy.ToArray());
        return output.ToArray();
    }

    [Fact]
    public void Bad_entries_are_one_problem_each_and_the_rest_reads()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/ok.png"]);
        FormatTestFiles.TruncatedCopy("coffee.png", dir["data/broken.png"]);
        FormatTestFiles.CopyPhoto("chelsea.png", dir["../outside-" + Path.GetFileName(dir.Path) + ".png"]);
        File.WriteAllText(dir["samples.json"], $$$"""
            {"samples": [
              {"filepath": "data/ok.png", "tags": ["train"]},
              {"filepath": "data/broken.png"},
              {"filepath": "data/gone.png"},
              {"filepath": "../outside-{{{Path.GetFileName(dir.Path)}}}.png"},
              {"filepath": "data/ok.png", "gt": {"_cls": "Detection", "label": "x", "bounding_box": [0.1, 0.2]}},
              {"tags": []},
              {"filepath": "data/ok.png", "tags": ["test"]}
            ]}
            """);
        try
        {
            var samples = Format.Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

            Assert.Equal(2, samples.Count);
            Assert.Equal([DatasetProblemKind.ImageUnreadable, DatasetProblemKind.MediaFileMissing, DatasetProblemKind.PathOutsideDatasetRoot,
                DatasetProblemKind.MalformedLabels, DatasetProblemKind.MalformedLabels], problems.Select(p => p.Kind));
            Assert.Equal(dir["data/broken.png"], problems[0].Path);
            Assert.Contains("Sample 5 (data/ok.png)", problems[3].Message);
            Assert.Single(Format.Read(dir.Path, new DatasetReadOptions { Split = "test" }).Samples(out _));
        }
        finally { File.Delete(dir["../outside-" + Path.GetFileName(dir.Path) + ".png"]); }
    }

    [Fact]
    public void Malformed_json_stops_the_read_naming_the_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["samples.json"], "{\"samples\": [ {\"filepath\": \"data/a.png\" ");
        var e = Assert.Throws<MalformedDatasetFileException>(() => Format.Read(dir.Path, DatasetReadOptions.Default).ToList());
        Assert.Equal(dir["samples.json"], e.FilePath);
    }

    [Fact]
    public void Reference_media_writes_absolute_paths_and_copies_nothing()
    {
        using var dir = new TempDir();
        var samples = RichSamples(dir);
        Format.Write(samples, dir["export"], new DatasetWriteOptions { ReferenceMedia = true });
        Assert.False(Directory.Exists(dir["export/data"]));
        var back = Format.Read(dir["export"], DatasetReadOptions.Default).SamplesOrThrow();
        Assert.Equal(samples.Select(s => s.Filepath), back.Select(s => s.Filepath));
    }
}

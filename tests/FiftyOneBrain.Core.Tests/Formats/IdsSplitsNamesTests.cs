using System.Text.Json;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Noise;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>Sample ids stay unique, splits and dataset names survive an export, vectors keep their element type.</summary>
public sealed class IdsSplitsNamesTests
{
    private const string IdA = "65a1b2c3d4e5f60718293a4b";

    [Fact]
    public void Duplicate_ids_in_samples_json_are_an_error_naming_both_samples_and_never_imported_twice()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/a.png"]);
        FormatTestFiles.CopyPhoto("coins.png", dir["data/b.png"]);
        FormatTestFiles.CopyPhoto("chelsea.png", dir["data/c.png"]);
        File.WriteAllText(dir["samples.json"], $$"""
            {"samples": [
              {"_id": {"$oid": "{{IdA}}"}, "filepath": "data/a.png"},
              {"_id": {"$oid": "{{IdA}}"}, "filepath": "data/b.png"},
              {"_id": {"$oid": "65a1b2c3d4e5f60718293a4c"}, "filepath": "data/c.png"}]}
            """);

        var samples = new FiftyOneDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal(["a.png", "c.png"], samples.Select(s => Path.GetFileName(s.Filepath)));
        var problem = Assert.Single(problems);
        Assert.Equal(("DuplicateSampleId", dir["data/b.png"]), (problem.ErrorId, problem.Path));
        Assert.Contains(IdA, problem.Message);
        Assert.Contains("Sample 2", problem.Message);
        Assert.Contains("sample 1", problem.Message);
    }

    [Fact]
    public void The_writer_never_writes_a_duplicate_id()
    {
        using var dir = new TempDir();
        var a = new Sample(FormatTestFiles.CopyPhoto("camera.png", dir["src/a.png"]), IdA);
        var b = new Sample(FormatTestFiles.CopyPhoto("coins.png", dir["src/b.png"]), IdA);

        var problems = new FiftyOneDatasetFormat().Write([a, b], dir["out"], DatasetWriteOptions.Default);

        Assert.Equal(("DuplicateSampleId", b.Filepath), (Assert.Single(problems).ErrorId, problems[0].Path));
        using var json = JsonDocument.Parse(File.ReadAllText(dir["out/samples.json"]));
        var ids = json.RootElement.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("_id").GetProperty("$oid").GetString()).ToList();
        Assert.Equal([IdA], ids);
    }

    [Fact]
    public void Label_noise_gives_the_original_label_its_own_id()
    {
        var samples = Enumerable.Range(0, 10).Select(i =>
        {
            var s = new Sample($"/img/{i}.png");
            s.SetField("ground_truth", new Classification($"c{i % 2}"));
            return s;
        }).ToList();
        var ids = samples.Select(s => ((LabelObject)s["ground_truth"]!).Id).ToList();

        LabelNoise.Inject(samples, new LabelNoiseOptions { Fraction = 0.5, Seed = 3 });

        Assert.Equal(ids, samples.Select(s => ((LabelObject)s["ground_truth"]!).Id));
        var originals = samples.Select(s => ((LabelObject)s["ground_truth_original"]!).Id).ToList();
        Assert.All(originals, id => Assert.True(ObjectId.IsValid(id)));
        Assert.Equal(20, ids.Concat(originals).Distinct().Count());
    }

    [Fact]
    public void Metadata_json_is_named_after_the_export_folder_not_its_temporary_name()
    {
        using var dir = new TempDir();
        var s = new Sample(FormatTestFiles.CopyPhoto("camera.png", dir["src/a.png"]));

        DatasetExport.Write(new FiftyOneDatasetFormat(), [s], dir["fm500"], DatasetWriteOptions.Default, overwrite: false);

        using var json = JsonDocument.Parse(File.ReadAllText(dir["fm500/metadata.json"]));
        Assert.Equal("fm500", json.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void A_yolo_export_keeps_each_samples_split()
    {
        using var dir = new TempDir();
        var samples = new[] { ("camera.png", "train"), ("coins.png", "validation"), ("chelsea.png", "test"), ("coffee.png", "train") }
            .Select(x =>
            {
                var s = new Sample(FormatTestFiles.CopyPhoto(x.Item1, dir[$"src/{x.Item1}"]));
                s.Tags.Add(x.Item2);
                s.SetField("ground_truth", new Detections([new Detection("thing", [0.25, 0.25, 0.5, 0.5])]));
                return s;
            }).ToList();
        var format = new YoloV5DatasetFormat();

        Assert.Empty(format.Write(samples, dir["yolo"], DatasetWriteOptions.Default));

        var back = format.Read(dir["yolo"], DatasetReadOptions.Default).SamplesOrThrow();
        Assert.Equal(["camera.png train", "chelsea.png test", "coffee.png train", "coins.png validation"],
            back.Select(s => $"{Path.GetFileName(s.Filepath)} {string.Join(",", s.Tags)}").Order(StringComparer.Ordinal));
        Assert.True(File.Exists(dir["yolo/labels/val/coins.txt"]));
    }

    [Fact]
    public void Float_embeddings_come_back_as_float_arrays()
    {
        using var dir = new TempDir();
        var s = new Sample(FormatTestFiles.CopyPhoto("camera.png", dir["src/a.png"]));
        float[] embedding = [0.1f, -2.5f, 3.25e-7f, float.MaxValue];
        s.SetField("embedding", embedding);
        s.SetField("scores", new[] { 0.5, 1.0 / 3 });
        var format = new FiftyOneDatasetFormat();

        Assert.Empty(format.Write([s], dir["out"], DatasetWriteOptions.Default));

        var back = Assert.Single(format.Read(dir["out"], DatasetReadOptions.Default).SamplesOrThrow());
        Assert.Equal(embedding, Assert.IsType<float[]>(back.GetField("embedding")));
        Assert.Equal([0.5, 1.0 / 3], Assert.IsType<double[]>(back.GetField("scores")));
    }
}

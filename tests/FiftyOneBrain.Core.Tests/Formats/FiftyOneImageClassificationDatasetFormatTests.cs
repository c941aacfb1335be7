using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

public sealed class FiftyOneImageClassificationDatasetFormatTests
{
    private static readonly FiftyOneImageClassificationDatasetFormat Format = new();

    [Fact]
    public void Round_trip_keeps_labels_confidence_logits_attributes_and_unlabeled()
    {
        using var dir = new TempDir();
        var a = new Sample(FormatTestFiles.CopyPhoto("chelsea.png", dir["src/chelsea.png"]));
        var pred = new Classification("cat", 0.875, [2.0, -1.0]);
        pred.SetField("mistakenness", 0.25);
        a.SetField("ground_truth", pred);
        var b = new Sample(FormatTestFiles.CopyPhoto("camera.png", dir["src/camera.png"]));
        b.SetField("ground_truth", new Classification("T-shirt/top"));
        var c = new Sample(FormatTestFiles.CopyPhoto("coffee.png", dir["src/coffee.png"]));
        var d = new Sample(FormatTestFiles.CopyPhoto("astronaut.png", dir["src/astronaut.png"]));
        d.SetField("ground_truth", new Classifications([new Classification("person"), new Classification("cat", 0.5)]));
        Assert.Empty(Format.Write([a, b, c, d], dir["export"], DatasetWriteOptions.Default));

        var back = Format.Read(dir["export"], DatasetReadOptions.Default).SamplesOrThrow();

        Assert.Equal(["chelsea", "camera", "coffee", "astronaut"], back.Select(s => Path.GetFileNameWithoutExtension(s.Filepath)));
        string Describe(Sample s) => s.GetField("ground_truth") switch
        {
            Classification x => $"{x.Label}|{x.Confidence}|{SampleComparison.Value(x.Logits)}|{SampleComparison.Value(x.GetField("mistakenness"))}",
            Classifications xs => string.Join(";", xs.Items.Select(x => $"{x.Label}|{x.Confidence}")),
            null => "none",
            var other => other.ToString()!,
        };
        Assert.Equal(new[] { a, b, c, d }.Select(Describe), back.Select(Describe));
        Assert.Contains("\"classes\":[\"T-shirt/top\",\"cat\",\"person\"]", File.ReadAllText(dir["export/labels.json"]));
    }

    [Fact]
    public void Bad_entries_give_one_problem_each()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/a.png"]);
        FormatTestFiles.CopyPhoto("chelsea.png", dir["data/b.png"]);
        FormatTestFiles.CopyPhoto("coffee.png", dir["data/c.png"]);
        File.WriteAllText(dir["labels.json"], """
            {"classes": ["cat", "dog"], "labels": {"a": 1, "b": 7, "c": {"confidence": 0.5}, "missing": 0, "../../etc/passwd": 0}}
            """);

        var samples = Format.Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal("dog", Assert.Single(samples).GetField<Classification>("ground_truth")!.Label);
        Assert.Equal([DatasetProblemKind.LabelIndexOutOfRange, DatasetProblemKind.MalformedLabels, DatasetProblemKind.MediaFileMissing, DatasetProblemKind.PathOutsideDatasetRoot],
            problems.Select(p => p.Kind));
        Assert.Equal(dir["labels.json"], problems[0].Path);
    }

    [Fact]
    public void Malformed_labels_json_stops_the_read()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["labels.json"], "{\"labels\": {\"a\": 1,,}");
        Assert.Equal(dir["labels.json"], Assert.Throws<MalformedDatasetFileException>(() => Format.Read(dir.Path, DatasetReadOptions.Default).ToList()).FilePath);
    }
}

using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

public sealed class YoloV5DatasetFormatTests
{
    private static readonly YoloV5DatasetFormat Format = new();

    [Fact]
    public void Reads_normalized_center_boxes_with_names_from_data_yaml()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("chelsea.png", dir["images/train/cat.png"]);
        FormatTestFiles.CopyPhoto("camera.png", dir["images/train/man.png"]);
        Directory.CreateDirectory(dir["labels/train"]);
        File.WriteAllText(dir["labels/train/cat.txt"], "1 0.5 0.5 0.5 0.25\n0 0.25 0.75 0.5 0.5 0.625\n");
        File.WriteAllText(dir["data.yaml"], "path: .\ntrain: ./images/train/\nnames:\n  0: \"T-shirt/top\"\n  1: cat\nnc: 2\n");

        var samples = Format.Read(dir.Path, DatasetReadOptions.Default).SamplesOrThrow();

        Assert.Equal(["cat.png", "man.png"], samples.Select(s => Path.GetFileName(s.Filepath)));
        var boxes = samples[0].GetField<Detections>("ground_truth")!.Items;
        Assert.Equal(("cat", (double?)null), (boxes[0].Label, boxes[0].Confidence));
        Assert.Equal([0.25, 0.375, 0.5, 0.25], boxes[0].BoundingBox);
        Assert.Equal(("T-shirt/top", (double?)0.625), (boxes[1].Label, boxes[1].Confidence));
        Assert.Equal([0.0, 0.5, 0.5, 0.5], boxes[1].BoundingBox);
        Assert.Null(samples[1].GetField("ground_truth"));
        Assert.Equal(["train"], samples[0].Tags);
    }

    [Fact]
    public void Round_trip_through_a_split()
    {
        using var dir = new TempDir();
        var a = new Sample(FormatTestFiles.CopyPhoto("coffee.png", dir["src/coffee.png"]));
        a.SetField("ground_truth", new Detections([new Detection("cup", [0.25, 0.125, 0.5, 0.375], 0.875), new Detection("saucer", [0.1, 0.7, 0.8, 0.2])]));
        var b = new Sample(FormatTestFiles.CopyPhoto("camera.png", dir["src/camera.png"]));
        Assert.Empty(Format.Write([a, b], dir["yolo"], new DatasetWriteOptions { Split = "train" }));

        var back = Format.Read(dir["yolo"], new DatasetReadOptions { Split = "train" }).SamplesOrThrow();

        Assert.Equal(["camera.png", "coffee.png"], back.Select(s => Path.GetFileName(s.Filepath)));
        var boxes = back[1].GetField<Detections>("ground_truth")!.Items;
        var original = a.GetField<Detections>("ground_truth")!.Items;
        Assert.Equal(original.Select(d => (d.Label, d.Confidence)), boxes.Select(d => (d.Label, d.Confidence)));
        for (var i = 0; i < 2; i++) Assert.Equal(original[i].BoundingBox, boxes[i].BoundingBox, (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Null(back[0].GetField("ground_truth"));
    }

    [Fact]
    public void Bad_label_lines_and_yaml_are_problems()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["images/val/a.png"]);
        FormatTestFiles.CopyPhoto("camera.png", dir["images/val/b.png"]);
        FormatTestFiles.CopyPhoto("camera.png", dir["images/val/c.png"]);
        Directory.CreateDirectory(dir["labels/val"]);
        File.WriteAllText(dir["labels/val/a.txt"], "3 0.5 0.5 0.1 0.1\n");
        File.WriteAllText(dir["labels/val/b.txt"], "0 0.5 zero 0.1 0.1\n");
        File.WriteAllText(dir["data.yaml"], "val: images/val\nnames: [a, b]\n");

        var samples = Format.Read(dir.Path, new DatasetReadOptions { Split = "validation" }).Samples(out var problems);

        // A bad row is skipped; the image stays, with its other rows (here none).
        Assert.Equal(["a.png", "b.png", "c.png"], samples.Select(s => Path.GetFileName(s.Filepath)));
        Assert.Empty(samples[0].GetField<Detections>("ground_truth")!.Items);
        Assert.Equal([(DatasetProblemKind.LabelIndexOutOfRange, dir["labels/val/a.txt"]), (DatasetProblemKind.MalformedLabels, dir["labels/val/b.txt"])],
            problems.Select(p => (p.Kind, p.Path)));

        File.WriteAllText(dir["data.yaml"], "names: [a, b\nval: [");
        Assert.Equal(dir["data.yaml"], Assert.Throws<MalformedDatasetFileException>(() => Format.Read(dir.Path, DatasetReadOptions.Default).ToList()).FilePath);
        File.WriteAllText(dir["data.yaml"], "val: ../../elsewhere\nnames: [a]\n");
        Assert.Equal(DatasetProblemKind.PathOutsideDatasetRoot, Assert.Single(Format.Read(dir.Path, DatasetReadOptions.Default)).Problem!.Kind);
    }
}

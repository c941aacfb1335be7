using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>YOLO datasets as Roboflow and Ultralytics write them: ../split paths, exporter-machine paths, polygon rows.</summary>
public sealed class YoloRealExportTests
{
    private static readonly YoloV5DatasetFormat Format = new();

    /// <summary>Roboflow's layout: &lt;root&gt;/{train,valid}/{images,labels}, data.yaml naming "../train/images".</summary>
    private static void WriteRoboflow(TempDir dir, string trainEntry, string valEntry)
    {
        FormatTestFiles.CopyPhoto("camera.png", dir["train/images/a.png"]);
        FormatTestFiles.CopyPhoto("coins.png", dir["train/images/b.png"]);
        FormatTestFiles.CopyPhoto("chelsea.png", dir["valid/images/c.png"]);
        Directory.CreateDirectory(dir["train/labels"]);
        Directory.CreateDirectory(dir["valid/labels"]);
        File.WriteAllText(dir["train/labels/a.txt"], "0 0.5 0.5 0.2 0.4\n");
        File.WriteAllText(dir["train/labels/b.txt"], "1 0.25 0.25 0.1 0.1\n");
        File.WriteAllText(dir["valid/labels/c.txt"], "1 0.5 0.5 1 1\n");
        File.WriteAllText(dir["data.yaml"], $"train: {trainEntry}\nval: {valEntry}\n\nnc: 2\nnames: ['cat', 'dog']\n\nroboflow:\n  workspace: w\n  version: 1\n");
    }

    [Fact]
    public void A_roboflow_data_yaml_with_dotdot_paths_imports_every_split()
    {
        using var dir = new TempDir();
        WriteRoboflow(dir, "../train/images", "../valid/images");

        var samples = Format.Read(dir.Path, DatasetReadOptions.Default).SamplesOrThrow();

        Assert.Equal(["a.png train", "b.png train", "c.png validation"], samples.Select(s => $"{Path.GetFileName(s.Filepath)} {string.Join(",", s.Tags)}"));
        Assert.Equal("dog", samples[2].GetField<Detections>("ground_truth")!.Items.Single().Label);
    }

    [Fact]
    public void Absolute_paths_from_the_exporters_machine_fall_back_to_the_dataset_folder_with_a_warning()
    {
        using var dir = new TempDir();
        WriteRoboflow(dir, "/Users/someone/Downloads/project-1/train/images", "/Users/someone/Downloads/project-1/valid/images");
        var warnings = new List<string>();

        var samples = Format.Read(dir.Path, new DatasetReadOptions { Warning = warnings.Add }).SamplesOrThrow();

        Assert.Equal(3, samples.Count);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("/Users/someone/Downloads/project-1/train/images", warnings[0]);
        Assert.Contains(dir["train/images"], warnings[0]);
    }

    [Theory]
    [InlineData("../../elsewhere/images")]
    [InlineData("../")]
    [InlineData("/etc")]
    public void Paths_that_escape_the_dataset_stay_refused(string entry)
    {
        using var dir = new TempDir();
        WriteRoboflow(dir, entry, "../valid/images");

        var samples = Format.Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal(["c.png"], samples.Select(s => Path.GetFileName(s.Filepath)));
        Assert.Equal("PathOutsideDatasetRoot", Assert.Single(problems).ErrorId);
    }

    [Fact]
    public void Polygon_rows_read_as_their_bounding_box_and_keep_the_polygon()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["images/train/a.png"]);
        Directory.CreateDirectory(dir["labels/train"]);
        File.WriteAllText(dir["labels/train/a.txt"], "0 0.5 0.5 0.2 0.4\n1 0.1 0.2 0.4 0.25 0.3 0.6\n");
        File.WriteAllText(dir["data.yaml"], "train: images/train\nnames: [box, poly]\n");

        var items = Format.Read(dir.Path, DatasetReadOptions.Default).SamplesOrThrow().Single().GetField<Detections>("ground_truth")!.Items;

        Assert.Equal(2, items.Count);
        Assert.Equal("poly", items[1].Label);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], items[1].BoundingBox, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([0.1, 0.2, 0.4, 0.25, 0.3, 0.6], Assert.IsType<double[]>(items[1].GetField("polygon")));
    }

    [Fact]
    public void A_bad_row_is_one_problem_and_the_images_other_rows_stay()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["images/train/a.png"]);
        Directory.CreateDirectory(dir["labels/train"]);
        File.WriteAllText(dir["labels/train/a.txt"], "0 0.5 0.5 0.2 0.4\n0 0.5 zero 0.1 0.1\n7 0.5 0.5 0.1 0.1\n1 0.1 0.2 0.4\n1 0.25 0.25 0.5 0.5\n");
        File.WriteAllText(dir["data.yaml"], "train: images/train\nnames: [a, b]\n");

        var samples = Format.Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal(["a", "b"], Assert.Single(samples).GetField<Detections>("ground_truth")!.Items.Select(d => d.Label));
        Assert.Equal(["MalformedLabels", "LabelIndexOutOfRange", "MalformedLabels"], problems.Select(p => p.ErrorId));
        Assert.All(problems, p => Assert.Equal(dir["labels/train/a.txt"], p.Path));
        Assert.Equal(["Line 2 ", "Line 3 ", "Line 4 "], problems.Select(p => p.Message[..7]));
    }
}

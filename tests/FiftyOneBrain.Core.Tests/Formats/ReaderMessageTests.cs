using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>Every problem says what is wrong and where: the file, the entry (1-based), its id or path.</summary>
public sealed class ReaderMessageTests
{
    [Fact]
    public void FiftyOneDataset_problems_give_a_one_based_index_with_id_and_filepath()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/a.png"]);
        File.WriteAllText(dir["samples.json"], """
            {"samples": [
              {"_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}, "filepath": "data/a.png"},
              {"_id": {"$oid": "65a1b2c3d4e5f60718293a4c"}, "filepath": "data/a.png", "tags": [1]},
              {"_id": {"$oid": "65a1b2c3d4e5f60718293a4d"}, "filepath": "../../etc/passwd"},
              {"_id": {"$oid": "65a1b2c3d4e5f60718293a4e"}}]}
            """);

        var samples = new FiftyOneDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Single(samples);
        Assert.Equal(3, problems.Count);
        Assert.Contains("Sample 2 (id 65a1b2c3d4e5f60718293a4c, data/a.png)", problems[0].Message);
        Assert.Contains("Sample 3 (id 65a1b2c3d4e5f60718293a4d, ../../etc/passwd)", problems[1].Message);
        Assert.Contains("Sample 4 (id 65a1b2c3d4e5f60718293a4e)", problems[2].Message);
        Assert.All(problems, p => Assert.Contains(dir["samples.json"], p.Message));
        Assert.DoesNotContain(problems, p => p.Message.Contains("Sample 1 of"));
    }

    [Fact]
    public void A_coco_annotation_with_a_string_image_id_is_one_problem_saying_what_and_where()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/a.png"]);
        FormatTestFiles.CopyPhoto("coins.png", dir["data/b.png"]);
        File.WriteAllText(dir["labels.json"], """
            {"categories": [{"id": 1, "name": "thing"}],
             "images": [{"id": 1, "file_name": "a.png"}, {"id": 2, "file_name": "b.png"}],
             "annotations": [{"id": 10, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]},
                             {"id": 11, "image_id": "two", "category_id": 1, "bbox": [1, 2, 3, 4]}]}
            """);

        var samples = new CocoDetectionDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal(["a.png", "b.png"], samples.Select(s => Path.GetFileName(s.Filepath)));
        Assert.Single(samples[0].GetField<Detections>("ground_truth")!.Items);
        var problem = Assert.Single(problems);
        Assert.Equal(("MalformedLabels", dir["labels.json"]), (problem.ErrorId, problem.Path));
        Assert.Contains("annotation 2 (id 11)", problem.Message);
        Assert.Contains("image_id \"two\"", problem.Message);
        Assert.DoesNotContain("dictionary", problem.Message);
    }

    [Fact]
    public void A_coco_file_without_images_says_so()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["labels.json"], """{"categories": [], "annotations": []}""");

        var e = Assert.ThrowsAny<MalformedDatasetFileException>(() => new CocoDetectionDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).ToList());

        Assert.Contains("\"images\"", e.Message);
        Assert.Contains(dir["labels.json"], e.Message);
        Assert.DoesNotContain("dictionary", e.Message);
    }

    [Theory]
    [InlineData("names: [[a, b], c]\nval: images/val\n", "'names'")]
    [InlineData("names: {x: a}\nval: images/val\n", "'names'")]
    [InlineData("val: images/val\n", "'names'")]
    [InlineData("- a\n- b\n", "mapping")]
    public void Garbage_data_yaml_says_what_and_where(string yaml, string what)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["data.yaml"], yaml);

        var e = Assert.ThrowsAny<MalformedDatasetFileException>(() => new YoloV5DatasetFormat().Read(dir.Path, DatasetReadOptions.Default).ToList());

        Assert.Contains(dir["data.yaml"], e.Message);
        Assert.Contains(what, e.Message);
        Assert.DoesNotContain("Unable to cast", e.Message);
        Assert.DoesNotContain("current state of the object", e.Message);
    }

    [Fact]
    public void Classification_label_problems_name_the_labels_file_and_the_image()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/a.png"]);
        File.WriteAllText(dir["labels.json"], """{"classes": ["x"], "labels": {"a": 4}}""");

        var problem = Assert.Single(new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default)).Problem!;

        Assert.Contains(dir["labels.json"], problem.Message);
        Assert.Contains(dir["data/a.png"], problem.Message);
    }

    [Theory]
    [InlineData("CIFAR10")]
    [InlineData("MNIST")]
    public void Split_errors_carry_no_dotnet_parameter_suffix(string format)
    {
        using var dir = new TempDir();
        var e = Assert.ThrowsAny<ArgumentException>(() => DatasetFormats.Get(format).Read(dir.Path, new DatasetReadOptions { Split = "validation" }).ToList());
        Assert.DoesNotContain("(Parameter", e.Message);
    }

    [Fact]
    public void Unknown_format_and_split_errors_carry_no_dotnet_parameter_suffix()
    {
        Assert.DoesNotContain("(Parameter", Assert.ThrowsAny<ArgumentException>(() => DatasetFormats.Get("Nope")).Message);
        Assert.DoesNotContain("(Parameter", Assert.ThrowsAny<ArgumentException>(() => DatasetSplit.Normalize("dev")).Message);
    }
}

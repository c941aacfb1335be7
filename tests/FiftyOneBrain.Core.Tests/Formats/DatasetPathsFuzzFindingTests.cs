using FiftyOneBrain.Formats;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>A NUL character in a path named by a labels file (tests/Fuzz targets coco, labels-json, yolo-yaml): ArgumentException before.</summary>
public sealed class DatasetPathsFuzzFindingTests
{
    [Fact]
    public void A_path_with_a_nul_character_does_not_resolve()
    {
        Assert.False(DatasetPaths.TryResolveInside("/data", "a\0.png", allowAbsolute: true, out var full));
        Assert.DoesNotContain('\0', full);
    }

    [Fact]
    public void A_coco_image_with_a_nul_in_its_file_name_is_one_problem_and_the_others_still_read()
    {
        using var dir = new TempDir();
        FormatTestFiles.RenderPng(dir["data/a.png"], 8, 6, SKColors.Orange);
        File.WriteAllText(dir["labels.json"], """{"images": [{"id": 1, "file_name": "a\u0000.png"}, {"id": 2, "file_name": "a.png"}]}""");

        var samples = new CocoDetectionDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal(dir["data/a.png"], Assert.Single(samples).Filepath);
        Assert.Equal(DatasetProblemKind.PathOutsideDatasetRoot, Assert.Single(problems).Kind);
    }

    [Fact]
    public void A_yolo_split_folder_with_a_nul_is_one_problem()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["data.yaml"], "names: [a]\ntrain: \"images/tr\\0ain\"\n");

        var problem = Assert.Single(new YoloV5DatasetFormat().Read(dir.Path, DatasetReadOptions.Default)).Problem!;

        Assert.Equal(DatasetProblemKind.PathOutsideDatasetRoot, problem.Kind);
    }
}

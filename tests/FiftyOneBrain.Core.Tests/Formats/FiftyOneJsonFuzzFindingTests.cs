using System.Text.Json;
using FiftyOneBrain.Formats;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>
/// Malformed MongoDB extended-JSON values (tests/Fuzz targets samples-json, coco, labels-json): each escaped a reader
/// as InvalidOperation/Overflow/KeyNotFound/ArgumentOutOfRange before, instead of the documented FormatException.
/// </summary>
public sealed class FiftyOneJsonFuzzFindingTests
{
    [Theory]
    [InlineData("""{"$oid": 1}""")]
    [InlineData("""{"$numberLong": "99999999999999999999"}""")]
    [InlineData("""{"$numberDouble": 5}""")]
    [InlineData("""{"$date": {"$numberLong": "99999999999999999999"}}""")]
    [InlineData("""{"$date": 99999999999999999}""")]
    [InlineData("""{"$binary": {"subType": "00"}}""")]
    [InlineData("""{"$binary": {"base64": "k05VTVBZAQD/fw=="}}""")] // an .npy blob whose header length runs past its end
    [InlineData("""{"_cls": 1}""")]
    [InlineData("""{"k": [{"$oid": true}]}""")]
    public void A_malformed_value_is_a_FormatException(string json)
    {
        using var document = JsonDocument.Parse(json);
        var e = Assert.Throws<FormatException>(() => FiftyOneJson.ReadValue(document.RootElement));
        Assert.Contains("malformed value", e.Message);
    }

    private static void WriteImage(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FormatTestFiles.RenderPng(path, 8, 6, SKColors.Orange);
    }

    [Fact]
    public void A_classification_attribute_with_a_bad_oid_is_one_malformed_labels_problem()
    {
        using var dir = new TempDir();
        WriteImage(dir["data/a.png"]);
        WriteImage(dir["data/b.png"]);
        File.WriteAllText(dir["labels.json"], """{"labels": {"a": {"label": "x", "attributes": {"k": {"$oid": 1}}}, "b": "y"}}""");

        var samples = new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal(dir["data/b.png"], Assert.Single(samples).Filepath);
        Assert.Equal(DatasetProblemKind.MalformedLabels, Assert.Single(problems).Kind);
    }

    [Fact]
    public void A_coco_annotation_with_an_out_of_range_number_long_is_one_malformed_labels_problem()
    {
        using var dir = new TempDir();
        WriteImage(dir["data/a.png"]);
        WriteImage(dir["data/b.png"]);
        File.WriteAllText(dir["labels.json"], """
            {"categories": [{"id": 1, "name": "cat"}],
             "images": [{"id": 1, "file_name": "a.png"}, {"id": 2, "file_name": "b.png"}],
             "annotations": [{"image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2], "n": {"$numberLong": "99999999999999999999"}},
                             {"image_id": 2, "category_id": 1, "bbox": [1, 1, 2, 2]}]}
            """);

        var samples = new CocoDetectionDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Equal(dir["data/b.png"], Assert.Single(samples).Filepath);
        var problem = Assert.Single(problems);
        Assert.Equal(DatasetProblemKind.MalformedLabels, problem.Kind);
        Assert.Contains("$numberLong", problem.Message);
    }
}

using FiftyOneBrain.Formats;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>JSON labels files that are not valid UTF-8 (tests/Fuzz target labels-json): InvalidOperationException before.</summary>
public sealed class LabelsFileFuzzFindingTests
{
    [Fact]
    public void A_labels_json_key_that_is_not_utf8_stops_the_read_as_a_malformed_labels_file()
    {
        using var dir = new TempDir();
        FormatTestFiles.RenderPng(dir["data/a.png"], 8, 6, SKColors.Orange);
        File.WriteAllBytes(dir["labels.json"], [.. "{\"labels\": {\"a\": null, \""u8, 0xFF, .. "\": 0}}"u8]);

        var error = Assert.Throws<MalformedDatasetFileException>(() => new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).ToList());

        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void A_labels_json_with_a_byte_order_mark_still_reads()
    {
        using var dir = new TempDir();
        FormatTestFiles.RenderPng(dir["data/a.png"], 8, 6, SKColors.Orange);
        File.WriteAllBytes(dir["labels.json"], [0xEF, 0xBB, 0xBF, .. """{"labels": {"a": "cat"}}"""u8]);

        var sample = Assert.Single(new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).SamplesOrThrow());

        Assert.Equal("cat", sample.GetField<FiftyOneBrain.Samples.Classification>("ground_truth")!.Label);
    }
}

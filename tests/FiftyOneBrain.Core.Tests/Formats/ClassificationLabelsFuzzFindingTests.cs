using FiftyOneBrain.Formats;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>labels.json inputs found by fuzzing (tests/Fuzz, target labels-json).</summary>
public sealed class ClassificationLabelsFuzzFindingTests
{
    [Fact]
    public void Classes_that_are_not_strings_stop_the_read_as_a_malformed_labels_file()
    {
        using var dir = new TempDir();
        FormatTestFiles.RenderPng(dir["data/a.png"], 8, 6, SKColors.Orange);
        File.WriteAllText(dir["labels.json"], """{"classes": ["cat", 1], "labels": {"a": 0}}"""); // was InvalidOperationException

        var error = Assert.Throws<MalformedDatasetFileException>(() => new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).ToList());

        Assert.Contains("\"classes\"", error.Message);
    }
}

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

/// <summary>A labels.json attribute named like a built-in property ("id", "label") used to end the whole import.</summary>
public sealed class ClassificationReservedAttributeTests
{
    [Theory]
    [InlineData("id")]
    [InlineData("Label")]
    public void An_attribute_named_like_a_built_in_property_is_that_entry_s_malformed_labels_problem(string name)
    {
        using var dir = new TempDir();
        FormatTestFiles.RenderPng(dir["data/a.png"], 8, 6, SKColors.Orange);
        FormatTestFiles.RenderPng(dir["data/b.png"], 8, 6, SKColors.Blue);
        File.WriteAllText(dir["labels.json"], $$$"""{"labels": {"a": {"label": "cat", "attributes": {"{{{name}}}": 3}}, "b": "dog"}}""");

        var results = new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).ToList();

        var problem = Assert.Single(results, r => r.Problem is not null).Problem!;
        Assert.Equal(DatasetProblemKind.MalformedLabels, problem.Kind);
        Assert.Contains($"attribute '{name}' is a built-in property", problem.Message);
        Assert.Contains("a.png", problem.Message);
        Assert.Equal("dog", Assert.Single(results, r => r.Sample is not null).Sample!.GetField<FiftyOneBrain.Samples.Classification>("ground_truth")!.Label);
    }
}

using FiftyOneBrain.Formats;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>labels.json inputs found by fuzzing (tests/Fuzz, target labels-json).</summary>
public sealed class ClassificationLabelsFuzzFindingTests
{
    [Fact]
    public void Classes_that_are_not_strings_are_one_malformed_labels_problem()
    {
        using var dir = new TempDir();
        FormatTestFiles.RenderPng(dir["data/a.png"], 8, 6, SKColors.Orange);
        File.WriteAllText(dir["labels.json"], """{"classes": ["cat", 1], "labels": {"a": 0}}"""); // was InvalidOperationException

        var results = new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).ToList();

        var problem = Assert.Single(results).Problem!;
        Assert.Equal(DatasetProblemKind.MalformedLabels, problem.Kind);
        Assert.Contains("\"classes\"", problem.Message);
    }
}

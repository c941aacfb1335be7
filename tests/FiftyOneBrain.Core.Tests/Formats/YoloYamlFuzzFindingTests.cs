using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>data.yaml inputs found by fuzzing (tests/Fuzz target yolo-yaml).</summary>
public sealed class YoloYamlFuzzFindingTests
{
    [Theory]
    [InlineData("names: [a, b]*a\n")]
    [InlineData("x: [a]*a\nnames: [a]\n")]
    public void Yaml_that_YamlDotNet_rejects_with_an_ArgumentException_is_one_malformed_labels_problem(string yaml)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["data.yaml"], yaml);

        var problem = Assert.Single(new YoloV5DatasetFormat().Read(dir.Path, DatasetReadOptions.Default)).Problem!;

        Assert.Equal(DatasetProblemKind.MalformedLabels, problem.Kind);
        Assert.Contains("data.yaml", problem.Message);
    }
}

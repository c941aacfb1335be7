using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>data.yaml inputs found by fuzzing (tests/Fuzz target yolo-yaml).</summary>
public sealed class YoloYamlFuzzFindingTests
{
    [Theory]
    [InlineData("names: [a, b]*a\n")]
    [InlineData("x: [a]*a\nnames: [a]\n")]
    public void Yaml_that_YamlDotNet_rejects_with_an_ArgumentException_stops_the_read_naming_data_yaml(string yaml)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["data.yaml"], yaml);

        var error = Assert.Throws<MalformedDatasetFileException>(() => new YoloV5DatasetFormat().Read(dir.Path, DatasetReadOptions.Default).ToList());

        Assert.Contains("data.yaml", error.Message);
        Assert.DoesNotContain("(Parameter", error.Message);
    }
}

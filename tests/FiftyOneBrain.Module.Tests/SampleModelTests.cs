
namespace FiftyOneBrain.ModuleTests;

public sealed class SampleModelTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    [Fact]
    public void Fields_read_as_properties_and_filter_on_the_pipeline()
    {
        var output = session.RunClean("""
            $a = New-FoSample -Filepath /data/a.png -Tags train -Fields @{ ground_truth = (New-FoClassification -Label cat -Confidence 0.9); uniqueness = 0.2 }
            $b = New-FoSample -Filepath /data/b.png -Fields @{ ground_truth = (New-FoClassification -Label dog); uniqueness = 0.8 }
            $a, $b | Where-Object uniqueness -gt 0.5 | ForEach-Object { $_.ground_truth.Label }
            $a.ground_truth.Confidence
            $a.Tags -join ','
            ($a, $b | ForEach-Object Filepath) -join ';'
            """);
        Assert.Equal(new object[] { "dog", 0.9, "train", "/data/a.png;/data/b.png" }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Setting_a_field_property_updates_the_Core_field()
    {
        var output = session.RunClean("""
            $s = New-FoSample -Filepath /data/c.png
            $s.PSObject.BaseObject.SetField('hardness', 1.5)
            $s.hardness = 2.5
            $s.PSObject.BaseObject.GetField('hardness')
            $s.GetType().FullName
            """);
        Assert.Equal(new object[] { 2.5, "FiftyOneBrain.Samples.Sample" }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Detections_and_per_object_attributes_read_as_properties()
    {
        var output = session.RunClean("""
            $d = New-FoDetections @(
                (New-FoDetection -Label car -BoundingBox 0.1, 0.1, 0.5, 0.5 -Confidence 0.8),
                (New-FoDetection -Label person -BoundingBox 0, 0, 0.2, 0.9))
            $d.Detections[0].PSObject.BaseObject.SetField('mistakenness', 0.75)
            $d.Detections.Count
            $d.Detections | Where-Object mistakenness -gt 0.5 | ForEach-Object Label
            """);
        Assert.Equal(new object[] { 2, "car" }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Invalid_bounding_box_is_a_clear_error()
    {
        var result = session.Run("New-FoDetection -Label x -BoundingBox 0.5, 0.5, 0, 0.1");
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidBoundingBox,FiftyOneBrain.PowerShell.Commands.NewFoDetectionCommand", error.FullyQualifiedErrorId);
    }
}

namespace FiftyOneBrain.ModuleTests;

public sealed class MeasureFoHardnessTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    [Fact]
    public void Streams_samples_with_hardness_and_reports_those_without_logits()
    {
        var result = session.Run("""
            $a = New-FoSample /data/a.png -Fields @{ predictions = (New-FoClassification cat -Logits 0, 0) }
            $b = New-FoSample /data/b.png -Fields @{ predictions = (New-FoClassification dog -Confidence 0.9) }
            $c = New-FoSample /data/c.png -Fields @{ predictions = (New-FoClassification dog -Logits 3, 3, 3, 3) }
            $script:bId = $b.Id
            $a, $b, $c | Measure-FoHardness | ForEach-Object { '{0}={1:R}' -f $_.Filepath, $_.hardness }
            $b.PSObject.BaseObject.HasField('hardness')
            """);
        Assert.Equal(new object[] { $"/data/a.png={Math.Log(2):R}", $"/data/c.png={Math.Log(4):R}", false }, result.Output.Select(o => o.BaseObject).ToArray());
        var error = Assert.Single(result.Errors);
        Assert.Equal("MissingLogits,FiftyOneBrain.PowerShell.Commands.MeasureFoHardnessCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
        var bId = session.Run("$script:bId").Single().BaseObject;
        Assert.Contains($"'{bId}'", error.Exception.Message);
        Assert.Contains("'predictions'", error.Exception.Message);
    }

    [Fact]
    public void Field_names_are_parameters_and_scores_filter_on_the_pipeline()
    {
        var output = session.RunClean("""
            $easy = New-FoSample /data/easy.png -Fields @{ model = (New-FoClassification cat -Logits 20, 0, 0) }
            $hard = New-FoSample /data/hard.png -Fields @{ model = (New-FoClassification cat -Logits 1, 1, 1) }
            $easy, $hard | Measure-FoHardness -PredictionField model -HardnessField h | Where-Object h -gt 1 | ForEach-Object Filepath
            """);
        Assert.Equal("/data/hard.png", Assert.Single(output).BaseObject);
    }

    [Fact]
    public void Non_finite_logits_and_missing_predictions_are_per_sample_errors()
    {
        var result = session.Run("""
            $nan = New-FoSample /data/nan.png -Fields @{ predictions = (New-FoClassification cat -Logits 0, 1) }
            $nan.predictions.Logits = [double[]]@(0, [double]::NaN)
            $none = New-FoSample /data/none.png
            $ok = New-FoSample /data/ok.png -Fields @{ predictions = (New-FoClassification cat -Logits 0, 1) }
            ($nan, $none, $ok | Measure-FoHardness).Count
            """);
        Assert.Equal(1, result.Single().BaseObject);
        Assert.Equal(new[] { "NonFiniteLogits", "MissingPrediction" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToArray());
    }
}

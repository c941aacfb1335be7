namespace FiftyOneBrain.ModuleTests;

public sealed class LabelNoiseAndRankingTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    private const string MakeSamples = """
        $samples = 0..99 | ForEach-Object { New-FoSample -Filepath "/img/$_.png" -Fields @{ ground_truth = (New-FoClassification -Label ('c' + ($_ % 4))) } }

        """;

    [Fact]
    public void Noise_tags_mistakes_keeps_originals_and_passes_every_sample_on()
    {
        var output = session.RunClean(MakeSamples + """
            $noisy = $samples | Add-FoLabelNoise -Fraction 0.25 -Seed 5
            @($noisy).Count
            @($noisy | Where-Object { $_.Tags -contains 'mistake' }).Count
            @($noisy | Where-Object { $_.Tags -contains 'mistake' } | Where-Object { $_.ground_truth.Label -eq $_.ground_truth_original.Label }).Count
            """);
        Assert.Equal(new object[] { 100, 25, 0 }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void A_sample_without_label_is_a_non_terminating_error()
    {
        var result = session.Run("""
            $a = New-FoSample /img/a.png -Fields @{ ground_truth = (New-FoClassification -Label x) }
            $b = New-FoSample /img/b.png -Fields @{ ground_truth = (New-FoClassification -Label y) }
            $c = New-FoSample /img/c.png
            @($a, $c, $b | Add-FoLabelNoise -Fraction 0.5 -Seed 1).Count
            """);
        Assert.Equal(2, result.Single().BaseObject);
        Assert.Equal("NoClassificationLabel,FiftyOneBrain.PowerShell.Commands.AddFoLabelNoiseCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Ranking_reports_auroc_precision_and_recall_per_score()
    {
        var output = session.RunClean(MakeSamples + """
            $noisy = $samples | Add-FoLabelNoise -Fraction 0.2 -Seed 9
            # An oracle score ranks every mistake first, its inverse ranks them last.
            $noisy | ForEach-Object { $_.PSObject.BaseObject.SetField('oracle', [double]($_.Tags -contains 'mistake')); $_.PSObject.BaseObject.SetField('inverse', 1.0 - [double]($_.Tags -contains 'mistake')) }
            $noisy | Measure-FoRanking -ScoreField oracle, inverse | ForEach-Object { '{0} {1} {2} {3} {4}' -f $_.ScoreField, $_.Auroc, $_.PrecisionAtK, $_.RecallAtTop10Percent, $_.K }
            """);
        Assert.Equal(new object[] { "oracle 1 1 0.5 20", "inverse 0 0 0 20" }, output.Select(o => o.BaseObject).ToArray());
    }
}

using System.Text.RegularExpressions;
using FiftyOneBrain.ModuleTests.Gallery;

namespace FiftyOneBrain.ModuleTests;

/// <summary>-Verbose tells what each pipeline cmdlet did, with counts.</summary>
public sealed class VerboseTests(ModuleSession session) : IClassFixture<ModuleSession>, IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("fob-verbose-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Every_step_of_a_scoring_pipeline_reports_counts()
    {
        for (var i = 0; i < 20; i++) TestPng.Write(Path.Combine(_work.FullName, $"{i}.png"), 8, 8, (10, 20, 30), ((byte)(i * 10), 200, 90));
        var result = session.Run("""
            $samples = 0..19 | ForEach-Object {
                $truth = 'c' + ($_ % 3)
                $logits = [double[]]@((($_ % 3) * 0.5), 1.0, -0.5)
                New-FoSample "$dir/$_.png" -Fields @{ ground_truth = (New-FoClassification $truth); predictions = (New-FoClassification 'c1' -Confidence 0.7 -Logits $logits); e = [double[]]@($_, ($_ * $_ % 7)) }
            }
            $samples | Add-FoLabelNoise -Seed 1 -Verbose |
                Measure-FoHardness -Verbose |
                Find-FoMistake -LabelField ground_truth -PredictionField predictions -Verbose |
                Measure-FoUniqueness -EmbeddingField e -Verbose |
                Export-FoDataset -Path $out -Format FiftyOneDataset -ReferenceMedia -Verbose | Out-Null
            $samples | Test-FoDataset -MaxMistakenness 0.99 -Verbose | Out-Null
            $samples | Measure-FoRanking -ScoreField mistakenness -Verbose | Out-Null
            """, new Dictionary<string, object?> { ["out"] = Path.Combine(_work.FullName, "export"), ["dir"] = _work.FullName });
        Assert.Empty(result.Errors);
        var verbose = result.Verbose;
        foreach (var expected in new[] { "Processed 20 of 20", "hardness", "mistakenness", "Uniqueness: 20", "Ranked 20 samples" })
            Assert.Contains(verbose, v => v.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.True(verbose.Count >= 7, string.Join("\n", verbose));
        Assert.All(verbose, v => Assert.Matches(new Regex(@"\d"), v));
    }
}

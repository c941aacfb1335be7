namespace FiftyOneBrain.ModuleTests;

public sealed class CompletionTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    private IReadOnlyList<string> Complete(string line) =>
        session.RunClean($"(TabExpansion2 -inputScript '{line.Replace("'", "''")}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText")
            .Select(o => (string)o.BaseObject).ToList();

    [Fact]
    public void Field_parameters_complete_with_field_names_seen_on_samples()
    {
        session.RunClean("$null = New-FoSample /img/a.png -Fields @{ weird_score_7 = 1.0 } | Test-FoDataset -MaxHardness 1 -HardnessField weird_score_7");
        Assert.Contains("weird_score_7", Complete("Add-FoLabelNoise -LabelField weird"));
        var matches = Complete("Add-FoLabelNoise -LabelField grou");
        Assert.Contains("ground_truth", matches);
        Assert.All(matches, m => Assert.StartsWith("grou", m));
    }

    [Fact]
    public void Model_parameters_offer_the_shipped_default_and_model_files()
    {
        var dir = Directory.CreateTempSubdirectory("fob-complete-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "mine.fomodel"), new byte[] { 0 });
            var results = Complete($"Invoke-FoModel -Model {dir.FullName}/mi");
            Assert.Equal(new[] { Path.Combine(dir.FullName, "mine.fomodel") }, results);
            Assert.Contains("default", Complete("Invoke-FoModel -Model def"));
        }
        finally { dir.Delete(true); }
    }
}

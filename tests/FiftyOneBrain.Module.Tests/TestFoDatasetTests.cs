using System.Management.Automation;

namespace FiftyOneBrain.ModuleTests;

public sealed class TestFoDatasetTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    private const string Scored = """
        $scored = @(
            New-FoSample /img/ok.png -Fields @{ mistakenness = 0.2 }
            New-FoSample /img/bad.png -Fields @{ mistakenness = 0.97 }
            New-FoSample /img/worse.png -Fields @{ mistakenness = 0.995 })

        """;

    [Fact]
    public void Summary_object_reports_the_violations()
    {
        var output = session.RunClean(Scored + """
            $r = $scored | Test-FoDataset -MaxMistakenness 0.9 -MaxCount 5
            $r.Passed; $r.Violating; $r.Total; $r.Worst[0].Sample.Filepath
            """);
        Assert.Equal(new object[] { true, 2, 3, "/img/worse.png" }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Fail_throws_a_terminating_error_naming_the_worst_samples()
    {
        var result = session.Run(Scored + """
            try { $scored | Test-FoDataset -MaxMistakenness 0.9 -Fail; 'not reached' }
            catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
            """);
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.DoesNotContain("not reached", lines);
        Assert.Equal("DatasetGateFailed,FiftyOneBrain.PowerShell.Commands.TestFoDatasetCommand", lines[^2]);
        Assert.Contains("/img/worse.png", lines[^1]);
        Assert.Contains("/img/bad.png", lines[^1]);
    }

    [Fact]
    public void No_bound_is_a_clear_error()
    {
        var result = session.Run("New-FoSample /img/a.png | Test-FoDataset");
        Assert.Equal("NoGateBound,FiftyOneBrain.PowerShell.Commands.TestFoDatasetCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }
}

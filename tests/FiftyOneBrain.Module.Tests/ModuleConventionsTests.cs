namespace FiftyOneBrain.ModuleTests;

/// <summary>What users of a good PowerShell module rely on, checked over every exported command.</summary>
public sealed class ModuleConventionsTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    private static readonly string[] WritesFiles = { "Export-FoDataset", "Show-FoDataset", "New-FoModel" };

    private IReadOnlyList<string> ExportedCommands() =>
        session.RunClean("(Get-Module FiftyOneBrain).ExportedCommands.Keys | ForEach-Object { $_ }").Select(o => (string)o.BaseObject).ToList();

    [Fact]
    public void Only_approved_verbs_are_used()
    {
        var approved = session.RunClean(
            // Get-Verb lives in the Utility module; it reads the same Verbs* classes.
            "'Common','Communications','Data','Diagnostic','Lifecycle','Other','Security' | ForEach-Object { [type]\"System.Management.Automation.Verbs$_\" } | ForEach-Object { $_.GetFields() } | ForEach-Object { $_.GetValue($null) }").Select(o => (string)o.BaseObject).ToHashSet();
        Assert.All(ExportedCommands(), name => Assert.Contains(name.Split('-')[0], approved));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        var missing = session.RunClean("Get-Command -Module FiftyOneBrain | Where-Object { $_.OutputType.Count -eq 0 } | ForEach-Object Name");
        Assert.Empty(missing.Select(o => o.BaseObject));
    }

    [Fact]
    public void Commands_that_write_files_support_WhatIf()
    {
        var exported = ExportedCommands();
        foreach (var name in WritesFiles.Where(exported.Contains))
        {
            var hasWhatIf = session.RunClean($"(Get-Command {name}).Parameters.ContainsKey('WhatIf')").Single().BaseObject;
            Assert.True((bool)hasWhatIf, $"{name} writes files but has no -WhatIf");
        }
    }

    [Fact]
    public void Manifest_exports_explicit_names_and_is_valid()
    {
        var output = session.RunClean($"""
            $m = Test-ModuleManifest '{ModuleSession.ModuleManifest}'
            $m.Version.ToString()
            $m.PowerShellVersion.ToString()
            ($m.CompatiblePSEditions -join ',')
            """);
        Assert.Equal(new object[] { "0.1.0", "7.4", "Core" }, output.Select(o => o.BaseObject).ToArray());
        var manifest = File.ReadAllText(ModuleSession.ModuleManifest);
        Assert.DoesNotContain("'*'", manifest);
    }

    [Fact]
    public void Every_cmdlet_and_parameter_has_help_with_examples()
    {
        var problems = session.RunClean("""
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            foreach ($c in Get-Command -Module FiftyOneBrain) {
                $help = Get-Help $c.Name -Full
                if (-not "$($help.Synopsis)".Trim() -or "$($help.Synopsis)".Trim() -like "$($c.Name)*") { "$($c.Name): no synopsis" }
                if (-not $help.description) { "$($c.Name): no description" }
                if (@($help.examples.example).Count -lt 1) { "$($c.Name): no example" }
                foreach ($p in $c.Parameters.Keys) {
                    if ($common -contains $p) { continue }
                    $ph = Get-Help $c.Name -Parameter $p -ErrorAction SilentlyContinue
                    if (-not ($ph.description | ForEach-Object Text)) { "$($c.Name) -$($p): no help" }
                }
            }
            """);
        Assert.Empty(problems.Select(o => o.BaseObject));
    }

    [Fact]
    public void About_topic_explains_the_scores()
    {
        var text = string.Join("\n", session.RunClean("Get-Help about_FiftyOneBrain").Select(o => o.ToString()));
        Assert.Contains("mistakenness", text);
        Assert.Contains("uniqueness", text);
        Assert.Contains("hardness", text);
    }
}

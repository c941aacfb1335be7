using System.IO.Compression;

namespace FiftyOneBrain.ModuleTests;

/// <summary>Packs the module, installs it the way PowerShellGet does (offline), imports it by name and runs a pipeline.</summary>
public sealed class PackageInstallTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("fob-package-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Package_installs_into_a_module_path_and_imports_by_name()
    {
        var pack = HostProcess.Run(new[] { Path.Combine(ModuleSession.RepoRoot, "build", "Package.ps1"), "-OutputFolder", _work.FullName, "-CompressionLevel", "Fastest" });
        Assert.True(pack.ExitCode == 0, pack.Stderr + pack.Stdout);
        var nupkg = Assert.Single(Directory.GetFiles(_work.FullName, "FiftyOneBrain.*.nupkg"));

        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var nuspec = new StreamReader(zip.GetEntry("FiftyOneBrain.nuspec")!.Open()).ReadToEnd();
            Assert.Contains("<id>FiftyOneBrain</id>", nuspec);
            Assert.Contains("PSModule", nuspec);
            Assert.Contains("PSCmdlet_Find-FoMistake", nuspec);
            Assert.NotNull(zip.GetEntry("FiftyOneBrain.psd1"));
            Assert.NotNull(zip.GetEntry("en-US/FiftyOneBrain.dll-Help.xml"));
            Assert.NotNull(zip.GetEntry("libtorch_cpu.so"));
        }

        // PowerShellGet: <modules root>/<Name>/<Version>/, without the package's own OPC parts.
        var modules = Path.Combine(_work.FullName, "Modules");
        var target = Path.Combine(modules, "FiftyOneBrain", "0.1.0");
        ZipFile.ExtractToDirectory(nupkg, target);
        foreach (var part in new[] { "FiftyOneBrain.nuspec", "[Content_Types].xml" }) File.Delete(Path.Combine(target, part));
        Directory.Delete(Path.Combine(target, "_rels"), true);
        Directory.Delete(Path.Combine(target, "package"), true);

        var run = HostProcess.Run(new[] { "-Command", """
            Import-Module FiftyOneBrain -ErrorAction Stop
            (Get-Module FiftyOneBrain).ModuleBase
            $s = 0..9 | ForEach-Object { New-FoSample "/img/$_.png" -Fields @{ ground_truth = (New-FoClassification -Label ('c' + $_ % 2)) } } | Add-FoLabelNoise -Fraction 0.5 -Seed 2
            @($s | Where-Object { $_.Tags -contains 'mistake' }).Count
            """ }, new Dictionary<string, string> { ["PSModulePath"] = modules });
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(target, lines[0]);
        Assert.Equal("5", lines[1]);
    }
}

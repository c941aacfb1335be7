using System.Diagnostics;

namespace FiftyOneBrain.ModuleTests;

/// <summary>Runs PowerShell in a separate process (the repo's script host), for tests that need a clean engine.</summary>
public static class HostProcess
{
    public static string HostDll { get; } = Path.Combine(ModuleSession.RepoRoot, "tools", "FoHost", "bin", "Release", "net10.0", "linux-x64", "FoHost.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HostDll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The script host did not finish in time.");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

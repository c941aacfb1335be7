using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace FiftyOneBrain.ModuleTests;

[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepoRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}

/// <summary>The result of one script run: what came out of the pipeline and the errors written.</summary>
public sealed record RunResult(Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<string> Verbose)
{
    public PSObject Single() => Assert.Single(Output);
}

/// <summary>
/// A real PowerShell 7.6 runspace with the staged module imported by path, as a user's script would.
/// Shared per test class (xunit class fixture); each Run gets a fresh PowerShell over the same runspace.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    public static string RepoRoot { get; } = typeof(ModuleSession).Assembly.GetCustomAttribute<RepoRootAttribute>()!.Path;
    public static string ModuleManifest { get; } = System.IO.Path.Combine(RepoRoot, "out", "FiftyOneBrain", "FiftyOneBrain.psd1");

    private readonly Runspace _runspace;

    public ModuleSession()
    {
        if (!File.Exists(ModuleManifest))
            throw new InvalidOperationException($"Module not staged at {ModuleManifest}; run `dotnet build FiftyOneBrain.sln -c Release` first.");
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        var import = Run($"Import-Module '{ModuleManifest}' -ErrorAction Stop");
        if (import.Errors.Count > 0) throw new InvalidOperationException("Import-Module failed: " + import.Errors[0]);
    }

    /// <summary>Runs script text; named values become variables ($name) in the script.</summary>
    public RunResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables is not null)
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
        ps.AddScript(script);
        var output = ps.Invoke();
        return new RunResult(output, ps.Streams.Error.ToList(), ps.Streams.Verbose.Select(v => v.Message).ToList());
    }

    /// <summary>Runs script text that must not write any error.</summary>
    public Collection<PSObject> RunClean(string script, IDictionary<string, object?>? variables = null)
    {
        var result = Run(script, variables);
        Assert.True(result.Errors.Count == 0, "Unexpected errors: " + string.Join("; ", result.Errors.Select(e => e.ToString())));
        return result.Output;
    }

    /// <summary>
    /// Starts a script, stops it (as Ctrl+C does) after <paramref name="stopAfter"/>, and returns how long
    /// the engine took to come back once asked to stop.
    /// </summary>
    public TimeSpan RunAndStop(string script, TimeSpan stopAfter, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables is not null)
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
        ps.AddScript(script);
        var running = ps.BeginInvoke();
        Thread.Sleep(stopAfter);
        Assert.False(running.IsCompleted, "The script finished before it could be stopped; give it more work.");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        try { ps.EndInvoke(running); } catch (PipelineStoppedException) { }
        return clock.Elapsed;
    }

    public void Dispose() => _runspace.Dispose();
}

using System.Management.Automation;
using System.Management.Automation.Runspaces;
using FoHost;

// Usage: FoHost <script.ps1> [script arguments...]   or   FoHost -Command "<script text>"
// Exit code: the script's `exit N`, else 1 when any error was written or the script threw, else 0.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: FoHost <script.ps1> [arguments...] | FoHost -Command <text>");
    return 2;
}

var scriptText = args[0] is "-Command" or "-c"
    ? string.Join(' ', args.Skip(1))
    : ScriptInvocation.Build(Path.GetFullPath(args[0]), args.Skip(1));

var host = new ConsoleHost();
var iss = InitialSessionState.CreateDefault2();
using var runspace = RunspaceFactory.CreateRunspace(host, iss);
runspace.Open();
using var ps = PowerShell.Create(runspace);
Polyfills.Define(ps);

var errors = 0;
ps.Streams.Error.DataAdded += (s, e) =>
{
    errors++;
    var record = ((PSDataCollection<ErrorRecord>)s!)[e.Index];
    host.UI.WriteErrorLine(ConsoleHost.Describe(record));
};
ps.Streams.Warning.DataAdded += (s, e) => host.UI.WriteWarningLine(((PSDataCollection<WarningRecord>)s!)[e.Index].Message);
ps.Streams.Verbose.DataAdded += (s, e) => host.UI.WriteVerboseLine(((PSDataCollection<VerboseRecord>)s!)[e.Index].Message);
ps.Streams.Information.DataAdded += (s, e) =>
{
    // Records tagged PSHOST (Write-Host) were already shown through the host's UI.
    var record = ((PSDataCollection<InformationRecord>)s!)[e.Index];
    if (!record.Tags.Contains("PSHOST")) Console.WriteLine(record.MessageData);
};
ps.Streams.Progress.DataAdded += (s, e) => host.UI.WriteProgress(0, ((PSDataCollection<ProgressRecord>)s!)[e.Index]);

var output = new PSDataCollection<PSObject>();
output.DataAdded += (s, e) => Console.WriteLine(ConsoleHost.Render(output[e.Index]));

Console.CancelKeyPress += (_, e) => { e.Cancel = true; ps.BeginStop(null, null); };

ps.Commands.Clear();
ps.AddScript(scriptText);
try
{
    ps.Invoke(null, output);
}
catch (PipelineStoppedException)
{
    Console.Error.WriteLine("Stopped.");
    return 130;
}
catch (RuntimeException e)
{
    host.UI.WriteErrorLine(ConsoleHost.Describe(e.ErrorRecord));
    return 1;
}

host.EndProgress();
var exit = runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
if (host.ExitCode is int code) return code;
if (exit is int last && last != 0) return last;
return errors > 0 ? 1 : 0;

using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace FoHost;

/// <summary>A minimal console PSHost: text to stdout, errors to stderr, progress as one updating line.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUI _ui = new();
    public int? ExitCode { get; private set; }

    public override string Name => "FoHost";
    public override Version Version => new(0, 1);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public void EndProgress() => _ui.EndProgress();

    public static string Render(PSObject? obj) => obj?.BaseObject switch
    {
        null => "",
        string s => s,
        _ => obj.ToString(),
    };

    public static string Describe(ErrorRecord record)
    {
        var where = record.InvocationInfo?.PositionMessage;
        return string.IsNullOrEmpty(where) ? $"ERROR: {record}" : $"ERROR: {record}\n{where}";
    }

    private sealed class ConsoleUI : PSHostUserInterface
    {
        private readonly bool _interactive = !Console.IsErrorRedirected;
        private DateTime _lastProgress = DateTime.MinValue;
        private bool _progressShown;

        public override PSHostRawUserInterface? RawUI => null;
        public override string ReadLine() => Console.ReadLine() ?? "";
        public override System.Security.SecureString ReadLineAsSecureString() => throw new NotSupportedException("No interactive input in this host.");
        public override void Write(string value) { EndProgress(); Console.Write(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) { EndProgress(); Console.WriteLine(value); }
        public override void WriteErrorLine(string value) { EndProgress(); Console.Error.WriteLine(value); }
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            // Interactive: redraw one line. Logs (CI): at most one line every 10 s, so output stays readable.
            var now = DateTime.UtcNow;
            if (record.RecordType == ProgressRecordType.Completed) { EndProgress(); return; }
            if (_interactive)
            {
                if ((now - _lastProgress).TotalMilliseconds < 200) return;
                Console.Error.Write($"\r{record.Activity}: {record.StatusDescription} {(record.PercentComplete >= 0 ? record.PercentComplete + "%" : "")}".PadRight(100)[..100]);
                _progressShown = true;
            }
            else
            {
                if ((now - _lastProgress).TotalSeconds < 10) return;
                Console.Error.WriteLine($"{record.Activity}: {record.StatusDescription} {(record.PercentComplete >= 0 ? record.PercentComplete + "%" : "")}");
            }
            _lastProgress = now;
        }

        public void EndProgress()
        {
            if (!_progressShown) return;
            Console.Error.Write("\r" + new string(' ', 100) + "\r");
            _progressShown = false;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("No interactive input in this host.");
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
    }
}

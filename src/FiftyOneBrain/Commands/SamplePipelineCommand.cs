using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.PowerShell.Errors;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Base of cmdlets that take samples from the pipeline and pass them on.</summary>
public abstract class SamplePipelineCommand : PSCmdlet
{
    /// <summary>The samples to process; usually bound from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [Alias("Sample")]
    public Sample[] InputObject
    {
        get => _inputObject;
        set
        {
            _inputObject = value;
            SeenFieldNames.Record(value);
        }
    }

    private Sample[] _inputObject = Array.Empty<Sample>();

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled by Ctrl+C (StopProcessing); long Core work takes it so the run stops promptly.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Reports a per-sample problem and lets the run go on.</summary>
    protected void WriteSampleError(Exception e, string errorId, Sample sample) =>
        WriteError(FoErrors.Record(e, errorId, FoErrors.CategoryOf(e), sample));

    protected void WriteSampleError(string message, string errorId, ErrorCategory category, Sample sample) =>
        WriteError(FoErrors.Record(message, errorId, category, sample));

    /// <summary>
    /// Writes a file or directory the command made as the FileSystem provider's item (as Get-Item does), so it
    /// carries PSPath and the provider's properties and the default view fills its Mode, User and Size columns.
    /// </summary>
    protected void WriteFileSystemItem(string path) =>
        WriteObject(SessionState.InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);

    /// <summary>Stops the whole run with one clear message.</summary>
    protected void ThrowRunError(string message, string errorId, ErrorCategory category, object? target = null) =>
        ThrowTerminatingError(FoErrors.Record(message, errorId, category, target));
}

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

    /// <summary>
    /// Stops the run when none of the samples the check was decided on has a field the cmdlet reads, naming the
    /// field and the fields that do exist (ErrorId FieldNotFound).
    /// </summary>
    protected void ThrowIfFieldAbsent(FieldPresence presence, string parameterName)
    {
        if (presence.Absent is not { } field) return;
        var n = presence.DecidedOn;
        var verdict = n == 1 && presence.DecidedOnAll ? "the only sample does not have"
            : $"none of the {(presence.DecidedOnAll ? "" : "first ")}{n} samples has";
        var existing = presence.ExistingFields.Count == 0 ? "no fields at all" : string.Join(", ", presence.ExistingFields);
        ThrowRunError($"-{parameterName} '{field}': {verdict} that field (fields present: {existing}). Check the spelling, or run the step that sets it first.",
            "FieldNotFound", ErrorCategory.ObjectNotFound, field);
    }

    /// <summary>Warns once per field that some samples lack, with counts and what that meant for them.</summary>
    protected void WarnPartlyMissing(FieldPresence presence, Func<string, string> consequence)
    {
        foreach (var (field, missing) in presence.PartlyMissing())
            WriteWarning($"{missing} of {presence.Seen} samples have no field '{field}'; {consequence(field)}.");
    }

    /// <summary>Stops the whole run with one clear message.</summary>
    protected void ThrowRunError(string message, string errorId, ErrorCategory category, object? target = null) =>
        ThrowTerminatingError(FoErrors.Record(message, errorId, category, target));
}

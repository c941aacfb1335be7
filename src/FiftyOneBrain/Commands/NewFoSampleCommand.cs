using System.Collections;
using System.Management.Automation;
using FiftyOneBrain.PowerShell.Adapters;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "FoSample")]
[OutputType(typeof(Sample))]
public sealed class NewFoSampleCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Path", "FullName")]
    [ValidateNotNullOrEmpty]
    public string Filepath { get; set; } = "";

    [Parameter]
    public string[] Tags { get; set; } = Array.Empty<string>();

    [Parameter]
    public Hashtable? Fields { get; set; }

    /// <summary>
    /// The pipeline object itself: a sample read back by ConvertFrom-Json (its Filepath binds by name) brings its id,
    /// tags, metadata and fields along. Strings and files bind only -Filepath.
    /// </summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Filepath);
        Sample sample;
        try
        {
            sample = ObjectLabels.IsPropertyBag(InputObject) ? ObjectLabels.ReadSample(InputObject!, path) : new Sample(path);
        }
        catch (ArgumentException e)
        {
            WriteError(new ErrorRecord(e, "InvalidSampleObject", ErrorCategory.InvalidData, InputObject));
            return;
        }
        sample.Tags.AddRange(Tags);
        if (Fields is not null)
        {
            foreach (DictionaryEntry entry in Fields)
            {
                try { sample.SetField(entry.Key.ToString()!, FieldConversion.FromPowerShell(entry.Value)); }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "InvalidFieldName", ErrorCategory.InvalidArgument, entry.Key));
                }
            }
        }
        WriteObject(sample);
    }
}

using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Formats;
using FiftyOneBrain.PowerShell.Errors;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Writes the piped samples as a dataset on disk, atomically (temporary folder, then rename).</summary>
[Cmdlet(VerbsData.Export, "FoDataset", SupportsShouldProcess = true)]
[OutputType(typeof(DirectoryInfo))]
public sealed class ExportFoDatasetCommand : SamplePipelineCommand
{
    private readonly List<Sample> _samples = new();
    private IDatasetFormat _format = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(DatasetFormatCompleter))]
    [ValidateNotNullOrEmpty]
    public string Format { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelField { get; set; } = "ground_truth";

    [Parameter]
    [ValidateSet("train", "test", "validation", IgnoreCase = true)]
    public string? Split { get; set; }

    /// <summary>Replace an existing export directory.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// With -Force, replace the existing dataset even when the new one is empty, some samples could not be written,
    /// or the old folder holds files the export did not receive (they are deleted). Without it such an export stops
    /// and leaves the old dataset as it was.
    /// </summary>
    [Parameter]
    public SwitchParameter AllowPartial { get; set; }

    /// <summary>Store the media's absolute paths instead of copying it (FiftyOneDataset, COCODetectionDataset).</summary>
    [Parameter]
    public SwitchParameter ReferenceMedia { get; set; }

    protected override void BeginProcessing()
    {
        if (!DatasetFormats.TryGet(Format, out _format))
            ThrowRunError($"Unknown dataset format '{Format}'. Writable formats: {string.Join(", ", DatasetFormats.WritableNames)}.", "UnknownDatasetFormat", ErrorCategory.InvalidArgument, Format);
        if (!_format.CanWrite)
            ThrowRunError($"{_format.Name} can be imported but not exported.", "FormatNotWritable", ErrorCategory.InvalidArgument, Format);
    }

    protected override void ProcessRecord() => _samples.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var target = GetUnresolvedProviderPathFromPSPath(Path);
        // A -LabelField given on the command line that no sample has is a misspelling (the default may be unused by the format).
        if (MyInvocation.BoundParameters.ContainsKey(nameof(LabelField)) && _samples.Count > 0)
            ThrowIfFieldAbsent(FieldPresence.Of(_samples, LabelField), nameof(LabelField));
        if (!ShouldProcess(target, $"Export {_samples.Count} samples as {_format.Name}")) return;
        if (Directory.Exists(target) && !Force)
            ThrowRunError($"The export directory already exists: {target}. Use -Force to replace it.", "DatasetExists", ErrorCategory.ResourceExists, target);

        var clock = Stopwatch.StartNew();
        IReadOnlyList<DatasetProblem> problems = Array.Empty<DatasetProblem>();
        try
        {
            var options = new DatasetWriteOptions { LabelField = LabelField, Split = Split, ReferenceMedia = ReferenceMedia };
            problems = DatasetExport.Write(_format, WithProgress(_samples), target, options, overwrite: Force, allowPartial: AllowPartial);
        }
        catch (DatasetReplaceRefusedException e)
        {
            WriteProgress(new ProgressRecord(1, $"Exporting {_format.Name}", "Refused") { RecordType = ProgressRecordType.Completed });
            foreach (var p in e.Problems)
                WriteError(DatasetProblemErrors.Record(p));
            ThrowRunError(e.Message, e.ErrorId, ErrorCategory.ResourceExists, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or InvalidDataException)
        {
            ThrowRunError(e.Message, "DatasetExportFailed", FoErrors.CategoryOf(e), target);
        }
        WriteProgress(new ProgressRecord(1, $"Exporting {_format.Name}", "Done") { RecordType = ProgressRecordType.Completed });
        foreach (var p in problems)
            WriteError(DatasetProblemErrors.Record(p));
        WriteVerbose($"Exported {_samples.Count - problems.Count} of {_samples.Count} samples to {target} as {_format.Name} in {clock.Elapsed.TotalSeconds:0.00} s.");
        WriteFileSystemItem(target);
    }

    private IEnumerable<Sample> WithProgress(List<Sample> samples)
    {
        for (var i = 0; i < samples.Count; i++)
        {
            if (i % 500 == 0)
                WriteProgress(new ProgressRecord(1, $"Exporting {_format.Name}", $"{i} of {samples.Count}") { PercentComplete = 100 * i / Math.Max(1, samples.Count) });
            yield return samples[i];
        }
    }
}

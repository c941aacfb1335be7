using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Formats;
using FiftyOneBrain.PowerShell.Errors;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Streams the samples of a dataset on disk; a bad file is one non-terminating error and the rest goes on.</summary>
[Cmdlet(VerbsData.Import, "FoDataset")]
[OutputType(typeof(Sample))]
public sealed class ImportFoDatasetCommand : PSCmdlet
{
    private const int ProgressEvery = 500;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(DatasetFormatCompleter))]
    [ValidateNotNullOrEmpty]
    public string Format { get; set; } = "";

    [Parameter]
    [ValidateSet("train", "test", "validation", IgnoreCase = true)]
    public string? Split { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelField { get; set; } = "ground_truth";

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxSamples { get; set; }

    /// <summary>Where array formats (MNIST, Fashion-MNIST, CIFAR-10) unpack their PNG files.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    protected override void ProcessRecord()
    {
        if (!DatasetFormats.TryGet(Format, out var format))
            Fail($"Unknown dataset format '{Format}'. Known formats: {string.Join(", ", DatasetFormats.Names)}.", "UnknownDatasetFormat", ErrorCategory.InvalidArgument, Format);
        var root = GetUnresolvedProviderPathFromPSPath(Path);
        if (!Directory.Exists(root))
            Fail($"Dataset directory not found: {root}", "DatasetDirectoryNotFound", ErrorCategory.ObjectNotFound, root);

        var options = new DatasetReadOptions
        {
            Split = Split,
            LabelField = LabelField,
            MaxSamples = MyInvocation.BoundParameters.ContainsKey(nameof(MaxSamples)) ? MaxSamples : null,
            CacheDirectory = Destination is null ? null : GetUnresolvedProviderPathFromPSPath(Destination),
            Progress = ReportProgress,
            Warning = WriteWarning,
        };
        WriteVerbose($"Importing {root} as {format.Name}{(Split is null ? "" : $" (split {Split})")}.");
        var clock = Stopwatch.StartNew();
        int samples = 0, problems = 0;
        try
        {
            foreach (var result in format.Read(root, options))
            {
                if (result.Problem is { } problem)
                {
                    problems++;
                    WriteError(DatasetProblemErrors.Record(problem));
                    continue;
                }
                WriteObject(result.Sample);
                if (++samples % ProgressEvery == 0)
                    WriteProgress(new ProgressRecord(1, $"Importing {format.Name}", $"{samples} samples"));
            }
        }
        catch (MalformedDatasetFileException e)
        {
            // The labels file itself is unreadable: no sample of it can be trusted, so the run stops here.
            ThrowTerminatingError(FoErrors.Record(e, "MalformedLabelsFile", ErrorCategory.ParserError, e.FilePath));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException or NotSupportedException)
        {
            ThrowTerminatingError(FoErrors.Record(e, "DatasetUnreadable", FoErrors.CategoryOf(e), root));
        }
        WriteProgress(new ProgressRecord(1, $"Importing {format.Name}", "Done") { RecordType = ProgressRecordType.Completed });
        var seconds = clock.Elapsed.TotalSeconds;
        WriteVerbose($"Imported {samples} samples with {problems} problem(s) in {seconds:0.00} s ({samples / Math.Max(seconds, 1e-9):0} samples/s).");
    }

    private void ReportProgress(string activity, long done, long total)
    {
        if (total <= 0) return;
        WriteProgress(new ProgressRecord(2, activity, $"{done} of {total}") { PercentComplete = (int)(100 * done / total) });
    }

    private void Fail(string message, string errorId, ErrorCategory category, object target) =>
        ThrowTerminatingError(FoErrors.Record(message, errorId, category, target));
}

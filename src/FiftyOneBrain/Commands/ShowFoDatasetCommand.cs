using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Gallery;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Writes the piped samples as one self-contained HTML gallery page.</summary>
[Cmdlet(VerbsCommon.Show, "FoDataset", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo), typeof(Sample))]
public sealed class ShowFoDatasetCommand : SamplePipelineCommand
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "gallery.html";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string? SortBy { get; set; }

    [Parameter]
    public SwitchParameter Descending { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? Fields { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelField { get; set; } = "ground_truth";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string PredictionField { get; set; } = "predictions";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string MapField { get; set; } = CurationFields.DefaultMapField;

    [Parameter]
    [ValidateRange(16, 512)]
    public int ThumbnailSize { get; set; } = 96;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "FiftyOneBrain gallery";

    [Parameter]
    public SwitchParameter Open { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private readonly List<Sample> _samples = new();

    protected override void ProcessRecord() => _samples.AddRange(InputObject.Where(s => s is not null));

    protected override void EndProcessing()
    {
        WriteGallery();
        if (PassThru) WriteObject(_samples, enumerateCollection: true);
    }

    private void WriteGallery()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var options = new GalleryOptions
        {
            SortBy = SortBy, Descending = Descending, First = First > 0 ? First : null, Fields = Fields,
            LabelField = LabelField, PredictionField = PredictionField, MapField = MapField, ThumbnailSize = ThumbnailSize, Title = Title,
        };

        CheckLabelFields();
        IReadOnlyList<Sample> shown;
        try { shown = SampleOrdering.SortAndTake(_samples, options.SortBy, options.Descending, options.First); }
        catch (ArgumentException e)
        {
            ThrowRunError(e.Message, "SortFieldNotFound", ErrorCategory.InvalidArgument, SortBy);
            return;
        }
        if (_samples.Count == 0) WriteWarning("No samples came down the pipeline; the gallery will be empty.");
        if (!ShouldProcess(path, $"Write a gallery of {shown.Count} sample(s)")) return;

        var clock = Stopwatch.StartNew();
        var thumbnails = MakeThumbnails(shown);
        var thumbTime = clock.Elapsed;
        for (var i = 0; i < shown.Count; i++)
            if (thumbnails[i].Error is { } error)
                WriteSampleError(error, "ThumbnailFailed", shown[i]);

        var model = GalleryModelBuilder.Build(shown, thumbnails, options, _samples.Count);
        WarnAboutUnknownFields(model);
        try { GalleryPageWriter.Write(model, path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowRunError($"Could not write the gallery to '{path}': {e.Message}", "GalleryWriteFailed", ErrorCategory.WriteError, path);
        }
        var file = new FileInfo(path);
        WriteVerbose($"Gallery of {shown.Count} of {_samples.Count} sample(s), {model.ScoreFields.Count} score field(s): " +
            $"thumbnails {thumbTime.TotalSeconds:0.00} s, total {clock.Elapsed.TotalSeconds:0.00} s, {file.Length / 1024.0 / 1024.0:0.0} MB -> {path}");
        if (!PassThru) WriteFileSystemItem(path);
        if (Open) OpenInBrowser(path);
    }

    /// <summary>Thumbnails are made in parallel on worker threads; this thread reports progress, as only it may write to the host.</summary>
    private Thumbnail[] MakeThumbnails(IReadOnlyList<Sample> samples)
    {
        var done = 0;
        var paths = samples.Select(s => s.Filepath).ToArray();
        var maxPixels = ImagePixelLimit.Read(this);
        var work = Task.Run(() => ThumbnailMaker.MakeAll(paths, ThumbnailSize, () => Interlocked.Increment(ref done), Stopping, maxPixels: maxPixels));
        var progress = new ProgressRecord(1, "Show-FoDataset", "Making thumbnails");
        while (!work.Wait(200))
        {
            var n = Volatile.Read(ref done);
            progress.StatusDescription = $"Making thumbnails: {n} of {paths.Length}";
            progress.PercentComplete = paths.Length == 0 ? 100 : (int)(100L * n / paths.Length);
            WriteProgress(progress);
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        try { return work.GetAwaiter().GetResult(); }
        catch (OperationCanceledException) { throw new PipelineStoppedException(); }
    }

    /// <summary>
    /// A label field named on the command line that no sample has is a misspelling: stop. The defaults may be absent
    /// (a gallery of unlabelled images), so they are only warned about when some samples have them and some do not.
    /// </summary>
    private void CheckLabelFields()
    {
        if (_samples.Count == 0) return;
        foreach (var (parameter, field) in new[] { (nameof(LabelField), LabelField), (nameof(PredictionField), PredictionField) })
        {
            var presence = FieldPresence.Of(_samples, field);
            if (MyInvocation.BoundParameters.ContainsKey(parameter)) ThrowIfFieldAbsent(presence, parameter);
            WarnPartlyMissing(presence, _ => "their cards show no such label");
        }
        var points = FieldPresence.Of(_samples, MapField);
        if (MyInvocation.BoundParameters.ContainsKey(nameof(MapField))) ThrowIfFieldAbsent(points, nameof(MapField));
        WarnPartlyMissing(points, _ => "they have no point on the map");
    }

        private void WarnAboutUnknownFields(GalleryModel model)
    {
        if (Fields is null) return;
        var known = model.ScoreFields.Concat(model.LabelFields).Concat(model.TextFields).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var field in Fields.Where(f => !known.Contains(f)))
            WriteWarning($"No sample has a field '{field}' that the gallery can show.");
    }

    /// <summary>Hands the page to the desktop's default browser; without a desktop (no DISPLAY on Linux) it only says where the page is.</summary>
    private void OpenInBrowser(string path)
    {
        var headlessLinux = OperatingSystem.IsLinux()
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
        if (headlessLinux)
        {
            WriteWarning($"No desktop to open a browser on (DISPLAY is not set); open {new Uri(path).AbsoluteUri} yourself.");
            return;
        }
        try
        {
            var start = new ProcessStartInfo(path) { UseShellExecute = true };
            if (OperatingSystem.IsLinux())
            {
                start = new ProcessStartInfo("xdg-open") { UseShellExecute = false };
                start.ArgumentList.Add(path);
            }
            using var _ = Process.Start(start);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            WriteWarning($"Could not start a browser ({e.Message}); open {new Uri(path).AbsoluteUri} yourself.");
        }
    }

}

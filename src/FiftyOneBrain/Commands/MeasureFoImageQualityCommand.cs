using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Imaging.Quality;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// cleanvision's seven image-property checks. Images are decoded and scored on the thread pool as samples
/// arrive (one decode each); the samples wait for the end because odd_size compares every image's size.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoImageQuality")]
[OutputType(typeof(Sample))]
public sealed class MeasureFoImageQualityCommand : SamplePipelineCommand
{
    private readonly List<(Sample Sample, ImageQualityScores Scores)> _scored = new();
    private readonly Stopwatch _watch = new();
    private ImageQualityStream _stream = null!;
    private Dictionary<string, double> _thresholds = null!;
    private bool _oddSizeOverridden;
    private long _seen, _failed;

    /// <summary>Per-check thresholds replacing cleanvision's defaults, e.g. @{ dark = 0.3; blurry = 0.2 }.</summary>
    [Parameter]
    public Hashtable? Threshold { get; set; }

    /// <summary>Also flag grayscale when an RGB file's three channels are equal everywhere.</summary>
    [Parameter]
    public SwitchParameter EqualChannelsAreGrayscale { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string IssuesField { get; set; } = "image_issues";

    protected override void BeginProcessing()
    {
        ModelCommandSupport.RequireFieldName(this, IssuesField, nameof(IssuesField));
        _thresholds = ReadThresholds();
        _stream = new ImageQualityStream(EqualChannelsAreGrayscale, ImagePixelLimit.Read(this), cancel: Stopping);
        _watch.Start();
    }

    private Dictionary<string, double> ReadThresholds()
    {
        var overrides = new List<KeyValuePair<string, double>>();
        foreach (DictionaryEntry entry in Threshold ?? new Hashtable())
        {
            var name = entry.Key?.ToString() ?? "";
            if (!LanguagePrimitives.TryConvertTo<double>(entry.Value, out var value)) value = double.NaN;
            overrides.Add(new(name, value));
            if (string.Equals(name, ImageQualityCheck.OddSize, StringComparison.OrdinalIgnoreCase)) _oddSizeOverridden = true;
        }
        try { return ImageQualityVerdict.Thresholds(overrides); }
        catch (ArgumentException e)
        {
            ThrowRunError($"-Threshold: {e.Message}", "InvalidThreshold", ErrorCategory.InvalidArgument, Threshold);
            return null!;
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var sample in InputObject)
        {
            _seen++;
            try { Keep(_stream.Add(sample)); }
            catch (OperationCanceledException) { return; } // Ctrl+C: the images not yet started were cancelled
            if (_seen % 50 == 0) WriteProgress(new ProgressRecord(1, "Measure-FoImageQuality", $"Scored {_scored.Count + _failed} of {_seen} images"));
        }
    }

    private void Keep(IReadOnlyList<ImageQualityStream.Outcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Scores is { } scores) _scored.Add((outcome.Sample, scores));
            else
            {
                _failed++;
                WriteSampleError(outcome.Error!, "ImageUnreadable", outcome.Sample);
            }
        }
    }

    protected override void EndProcessing()
    {
        try { Keep(_stream.Finish()); }
        catch (OperationCanceledException) { return; }
        WriteProgress(new ProgressRecord(1, "Measure-FoImageQuality", "Done") { RecordType = ProgressRecordType.Completed });
        var verdicts = ImageQualityVerdict.Judge(_scored.Select(s => s.Scores).ToArray(), _thresholds, _oddSizeOverridden);
        var counts = ImageQualityCheck.All.ToDictionary(c => c, _ => 0);
        for (var i = 0; i < _scored.Count; i++)
        {
            var sample = _scored[i].Sample;
            foreach (var (check, score) in verdicts[i].Scores) sample.SetField(ImageQualityCheck.ScoreField(check), score);
            sample.SetField(IssuesField, verdicts[i].Issues.ToArray());
            foreach (var issue in verdicts[i].Issues)
            {
                counts[issue]++;
                if (!sample.Tags.Contains(issue)) sample.Tags.Add(issue);
            }
        }
        var seconds = _watch.Elapsed.TotalSeconds;
        WriteVerbose($"Image quality: {_scored.Count} image(s) scored, {_failed} unreadable, {seconds:F2} s ({_seen / Math.Max(seconds, 1e-9):F0} images/s).");
        WriteVerbose("Image quality issues: " + string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}")) + ".");
        foreach (var (sample, _) in _scored) WriteObject(sample);
    }
}

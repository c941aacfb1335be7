using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Errors;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Base of cmdlets that train SimpleResNets on the piped samples: buffers them, checks the labels before any
/// work (a missing label or a label outside -Classes stops the run), decodes every image once (unreadable
/// ones get a non-terminating error and are left out), then trains with Write-Progress per batch and one
/// line per epoch.
/// </summary>
public abstract class TrainingCommand : SamplePipelineCommand
{
    private readonly List<Sample> _samples = new();

    /// <summary>The field holding each sample's ground-truth Classification.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string LabelField { get; set; } = "";

    /// <summary>Channel multiplier: 1 is 64-128-256-512 channels (embedding 512), 0.25 is 16-32-64-128.</summary>
    [Parameter]
    [ValidateRange(0.03125, 4.0)]
    public double Width { get; set; } = 1.0;

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Epochs { get; set; } = 10;

    [Parameter]
    [ValidateRange(2, 4096)]
    public int BatchSize { get; set; } = 128;

    /// <summary>Peak learning rate of the one-cycle schedule.</summary>
    [Parameter]
    [ValidateRange(1e-6, 10.0)]
    public double LearningRate { get; set; } = 0.2;

    /// <summary>Seeds weights, shuffling and augmentation; a random seed (reported with -Verbose) when omitted.</summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary>The class list in logit order; by default the sorted distinct labels.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Classes { get; set; }

    protected TrainingOptions Options(double validationFraction) => new()
    {
        Width = Width, Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate,
        Seed = EffectiveSeed, ValidationFraction = validationFraction, LabelField = LabelField,
    };

    private int EffectiveSeed { get; set; }

    /// <summary>Checks that need no samples (paths, field names), before anything is buffered.</summary>
    protected virtual void ValidateParameters() { }

    /// <summary>Whether to go on (ShouldProcess), asked once the samples and labels are known.</summary>
    protected virtual bool Confirm(int samples, int classes) => true;

    /// <summary>Trains on the decoded samples and writes the results.</summary>
    protected abstract void Train(LabeledImageSet data);

    protected override void BeginProcessing()
    {
        EffectiveSeed = MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? Seed : Random.Shared.Next();
        ValidateParameters();
    }

    protected override void ProcessRecord() => _samples.AddRange(InputObject);

    protected override void EndProcessing()
    {
        int[] labels;
        string[] classes;
        // Training reads every sample's label (a missing one stops it, InvalidTrainingLabels); none at all is a misspelling.
        if (_samples.Count > 0) ThrowIfFieldAbsent(FieldPresence.Of(_samples, LabelField), nameof(LabelField));
        try
        {
            (labels, classes) = LabeledImageSet.ReadLabels(_samples, LabelField, Classes);
        }
        catch (InvalidDataException e)
        {
            ThrowRunError(e.Message, "InvalidTrainingLabels", ErrorCategory.InvalidData, LabelField);
            return;
        }
        if (!Confirm(_samples.Count, classes.Length)) return;
        RequireTorch();
        WriteVerbose($"{_samples.Count} samples, {classes.Length} classes, seed {EffectiveSeed}, width {Width}, up to {TorchRuntime.Threads} threads.");

        try
        {
            var data = Decode(labels, classes);
            Train(data);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            WriteProgress(new ProgressRecord(2, "Training", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private LabeledImageSet Decode(int[] labels, string[] classes)
    {
        var clock = Stopwatch.StartNew();
        var activity = $"Decoding {_samples.Count} images";
        var data = LabeledImageSet.Decode(_samples, labels, classes, ImagePreprocessing.Default,
            (sample, error) => WriteSampleError(error, "ImageUnreadable", sample),
            done => WriteProgress(new ProgressRecord(2, activity, $"{done} of {_samples.Count}") { PercentComplete = (int)(100L * done / Math.Max(1, _samples.Count)) }),
            Stopping, ImagePixelLimit.Read(this));
        WriteVerbose($"Decoded {data.Count} images in {clock.Elapsed.TotalSeconds:F1} s ({_samples.Count - data.Count} unreadable).");
        if (data.Count < 2) ThrowRunError($"Only {data.Count} readable images; training needs at least 2.", "TooFewImages", ErrorCategory.InvalidData, LabelField);
        return data;
    }

    /// <summary>Write-Progress for a batch; <paramref name="prefix"/> names the fold in cross-validation.</summary>
    protected void ReportBatch(BatchProgress p, string prefix = "")
    {
        var done = (p.Epoch - 1) * p.Batches + p.Batch;
        WriteProgress(new ProgressRecord(2, $"{prefix}Training SimpleResNet (epoch {p.Epoch}/{p.Epochs})",
            $"batch {p.Batch}/{p.Batches}: loss {p.Loss:F4}, accuracy {p.Accuracy:P1}, lr {p.LearningRate:G3}")
        {
            PercentComplete = (int)(100L * done / Math.Max(1, (long)p.Epochs * p.Batches)),
        });
    }

    /// <summary>One line per epoch, shown on the host like Write-Host (information stream, PSHOST tag).</summary>
    protected void ReportEpoch(EpochResult e, string prefix = "")
    {
        var line = prefix + e;
        WriteInformation(new HostInformationMessage { Message = line }, ["PSHOST"]);
        WriteVerbose(line);
    }

    /// <summary>libtorch must load before training starts; one clear message when it cannot.</summary>
    private void RequireTorch()
    {
        try { TorchRuntime.EnsureLoaded(); }
        catch (TorchUnavailableException e) { ThrowTerminatingError(FoErrors.Record(e, "TorchUnavailable", ErrorCategory.ResourceUnavailable, null)); }
    }
}

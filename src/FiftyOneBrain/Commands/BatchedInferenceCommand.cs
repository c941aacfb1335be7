using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Base of cmdlets that run a model over streamed samples: samples are collected into chunks of several
/// batches, decoded ahead on a background thread while the network runs, and passed on in input order.
/// A sample whose image cannot be decoded gets a non-terminating error and is skipped.
/// </summary>
public abstract class BatchedInferenceCommand : SamplePipelineCommand
{
    private const int BatchesPerChunk = 16;
    private readonly List<Sample> _pending = new();
    private readonly Stopwatch _clock = new();
    private IImageModel? _model;
    private int _done, _failed;
    private long _maxPixels;

    /// <summary>A named model (Get-FoModel lists them; "default" is the Fashion-MNIST classifier), a .fomodel or a .onnx path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelCompleter))]
    public string Model { get; set; } = ModelLocator.DefaultName;

    [Parameter]
    [ValidateRange(1, 4096)]
    public int BatchSize { get; set; } = 64;

    /// <summary>The output of an ONNX model to read (default: its first).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputName { get; set; }

    /// <summary>How an ONNX model's input is made: Size, Resize, ChannelOrder, Scale, Mean, Std, Layout (over its sidecar and the defaults).</summary>
    [Parameter]
    [ValidateNotNull]
    public System.Collections.Hashtable? Preprocessing { get; set; }

    /// <summary>Class names of an ONNX classifier, in logit order (null when the cmdlet takes none).</summary>
    protected virtual IReadOnlyList<string>? ModelClasses => null;

    protected abstract InferenceOutputs Outputs { get; }
    protected abstract string Activity { get; }

    /// <summary>Stores the network outputs on the sample.</summary>
    protected abstract void Apply(IImageModel model, SampleOutputs outputs);

    /// <summary>Checks the cmdlet's own parameters before the model is loaded.</summary>
    protected virtual void ValidateParameters() { }

    protected override void BeginProcessing()
    {
        ValidateParameters();
        _maxPixels = ImagePixelLimit.Read(this);
        _model = ModelCommandSupport.LoadModel(this, Model, ModelCommandSupport.OnnxOptions(this, ModelClasses, OutputName, Preprocessing));
        if (Outputs.HasFlag(InferenceOutputs.Logits) && _model.Classes.Count == 0)
            ThrowRunError($"{_model.Summary} is an embedder without class names; pass -Classes (in logit order) to classify with it.", "ModelClassesRequired", ErrorCategory.InvalidArgument, Model);
        WriteVerbose($"Loaded {_model.Summary}; batches of {BatchSize}, up to {Environment.ProcessorCount} threads.");
        _clock.Start();
    }

    protected override void ProcessRecord()
    {
        _pending.AddRange(InputObject);
        if (_pending.Count >= BatchSize * BatchesPerChunk) Flush();
    }

    protected override void EndProcessing()
    {
        Flush();
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        WriteVerbose($"{Activity}: {_done} samples in {_clock.Elapsed.TotalSeconds:F1} s ({_done / Math.Max(1e-9, _clock.Elapsed.TotalSeconds):F0} images/s), {_failed} unreadable.");
        _model?.Dispose();
    }


    private void Flush()
    {
        if (_pending.Count == 0 || _model is null) return;
        var model = _model;
        var before = _done;
        try
        {
            ImageInference.Run(model, _pending, BatchSize, Outputs,
                outputs =>
                {
                    Apply(model, outputs);
                    _done++;
                    WriteObject(outputs.Sample);
                },
                (sample, error) =>
                {
                    _failed++;
                    WriteSampleError(error, "ImageUnreadable", sample);
                },
                count => WriteProgress(new ProgressRecord(1, Activity, $"{before + count} images") { CurrentOperation = $"{_done / Math.Max(1e-9, _clock.Elapsed.TotalSeconds):F0} images/s" }),
                Stopping, _maxPixels);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            _pending.Clear();
        }
    }
}

using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Buffers the samples, finds each one's 3 nearest others by embedding (exact, blocked kNN) and sets uniqueness.
/// Embeddings come from an <see cref="IEmbeddingSource"/> chosen by parameter set: a model (the default,
/// as in FiftyOne), a sample field, or a .npy file.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoUniqueness", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class MeasureFoUniquenessCommand : SamplePipelineCommand
{
    private const string ModelSet = "Model";
    private const string FieldSet = "EmbeddingField";
    private const string FileSet = "EmbeddingsFile";
    private readonly List<Sample> _buffer = new();

    /// <summary>A named model, a .fomodel or a .onnx path; embeds the images when no embeddings are given. Default: the ImageNet ResNet18, since users' data are photos.</summary>
    [Parameter(ParameterSetName = ModelSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelCompleter))]
    public string Model { get; set; } = ModelCatalog.ResNet18ImageNetName;

    [Parameter(ParameterSetName = ModelSet)]
    [ValidateRange(1, 4096)]
    public int BatchSize { get; set; } = 64;

    /// <summary>A Detections field: uniqueness of the objects, each sample embedded as the mean of its square patches.</summary>
    [Parameter(ParameterSetName = ModelSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string? RoiField { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = FieldSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string EmbeddingField { get; set; } = "";

    /// <summary>A .npy file of N x D float32/float64 embeddings, row i for the i-th input sample.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string Embeddings { get; set; } = "";

    [Parameter]
    public DistanceMetric Metric { get; set; } = DistanceMetric.Cosine;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string UniquenessField { get; set; } = "uniqueness";

    /// <summary>How many nearest other samples the score averages over. Default: 3, as FiftyOne.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int K { get; set; }

    /// <summary>One weight per neighbour, nearest first. Default: 0.6, 0.3, 0.1 for K = 3 (FiftyOne's), else all equal.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[]? Weights { get; set; }

    protected override void BeginProcessing()
    {
        if (Weights is not null && K > 0 && Weights.Length != K)
            ThrowRunError($"-Weights has {Weights.Length} value(s) but -K is {K}: give one weight per neighbour, nearest first.", "UniquenessWeightsMismatch", ErrorCategory.InvalidArgument, Weights);
        try { Uniqueness.CheckWeights(NeighbourWeights()); }
        catch (ArgumentException e) { ThrowRunError($"-Weights: {e.Message}", "UniquenessWeightsInvalid", ErrorCategory.InvalidArgument, Weights); }
    }

    private IReadOnlyList<double> NeighbourWeights() => Weights ?? Uniqueness.WeightsFor(K > 0 ? K : Uniqueness.Neighbors);

    protected override void ProcessRecord() => _buffer.AddRange(InputObject);


    protected override void EndProcessing()
    {
        if (_buffer.Count == 0)
        {
            WriteVerbose("Uniqueness: no samples came in.");
            return;
        }
        // Some samples without the field stop the run (MissingEmbedding, from the source); none with it is a misspelling.
        if (ParameterSetName == FieldSet) ThrowIfFieldAbsent(FieldPresence.Of(_buffer, EmbeddingField), nameof(EmbeddingField));
        if (RoiField is not null) ThrowIfFieldAbsent(FieldPresence.Of(_buffer, RoiField), nameof(RoiField));
        using var model = ParameterSetName == ModelSet ? ModelCommandSupport.LoadModel(this, Model) : null;
        var source = EmbeddingSource(model);
        var watch = Stopwatch.StartNew();
        double[] uniqueness;
        IReadOnlyList<Sample> scored;
        try
        {
            var matrix = source.Load(_buffer);
            scored = source.RowsOf(_buffer);
            if (source is PatchEmbeddingSource patches)
                WriteVerbose($"Uniqueness: {patches.Counts.Patches} object patch(es) embedded; {patches.Counts.WholeImages} sample(s) without objects embedded whole.");
            var weights = NeighbourWeights();
            WriteVerbose($"Uniqueness: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description}, {Metric} distance, K = {weights.Count}, weights {string.Join(", ", weights)}.");
            uniqueness = Uniqueness.Compute(matrix.Data, matrix.Rows, matrix.Columns, Metric, new KnnOptions
            {
                Progress = ReportProgress,
                Cancellation = Stopping,
            }, weights);
        }
        catch (BrainInputException e)
        {
            ThrowRunError(e.Message, e.ErrorId, ErrorCategory.InvalidData, source.Description);
            return;
        }
        catch (IOException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "EmbeddingsFileUnreadable", ErrorCategory.ReadError, Embeddings));
            return;
        }
        catch (OperationCanceledException)
        {
            return; // Ctrl+C: nothing was written
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            ThrowRunError($"The nearest-neighbour search needs libtorch, which failed to load: {e.GetBaseException().Message}", "TorchUnavailable", ErrorCategory.ResourceUnavailable);
            return;
        }
        WriteProgress(new ProgressRecord(1, "Measure-FoUniqueness", "Done") { RecordType = ProgressRecordType.Completed });

        for (var i = 0; i < scored.Count; i++) scored[i].SetField(UniquenessField, uniqueness[i]);
        WriteVerbose($"Uniqueness: {scored.Count} sample(s) scored in {watch.Elapsed.TotalSeconds:F2} s.");
        foreach (var sample in scored) WriteObject(sample);
    }

    private IEmbeddingSource EmbeddingSource(IImageModel? model)
    {
        var source = ImageSource(model);
        return RoiField is null || ParameterSetName != ModelSet ? source
            : new PatchEmbeddingSource(source, RoiField, (sample, error) => WriteSampleError(error, "ImageUnreadable", sample));
    }

    private IEmbeddingSource ImageSource(IImageModel? model) => ParameterSetName switch
    {
        FileSet => new NpyEmbeddingSource(ResolvePath(Embeddings)),
        FieldSet => new FieldEmbeddingSource(EmbeddingField),
        _ => new ModelEmbeddingSource(model!, BatchSize,
            (sample, error) => WriteSampleError(error, "ImageUnreadable", sample),
            done => WriteProgress(new ProgressRecord(2, "Measure-FoUniqueness", $"Embedding images: {done} of {_buffer.Count}")
                { PercentComplete = (int)Math.Min(100, 100L * done / _buffer.Count) }), // object patches can outnumber the samples
            Stopping, ImagePixelLimit.Read(this)),
    };

    private string ResolvePath(string path)
    {
        var full = GetUnresolvedProviderPathFromPSPath(path);
        if (!File.Exists(full))
            ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"Embeddings file not found: {full}", full), "EmbeddingsFileNotFound", ErrorCategory.ObjectNotFound, path));
        return full;
    }

    private void ReportProgress(long done, long total)
    {
        if (total < 4) return; // a single block finishes in a blink
        WriteProgress(new ProgressRecord(1, "Measure-FoUniqueness", $"Nearest neighbours of {_buffer.Count} samples")
        {
            PercentComplete = (int)(100 * done / total),
            StatusDescription = $"Tile {done} of {total}",
        });
    }
}

using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Base of the neighbour cmdlets that buffer the samples and need one embedding each, as Measure-FoUniqueness gets
/// them: a model (the default, ImageNet ResNet18), a sample field, or a .npy file, chosen by parameter set; and the
/// distance (-Metric). Every way loading can fail becomes the same errors as there.
/// </summary>
public abstract class EmbeddingPipelineCommand : SamplePipelineCommand
{
    protected const string ModelSet = "Model";
    protected const string FieldSet = "EmbeddingField";
    protected const string FileSet = "EmbeddingsFile";

    /// <summary>Every sample that came in, in input order.</summary>
    protected List<Sample> Buffer { get; } = new();

    /// <summary>A named model, a .fomodel or a .onnx path; embeds the images when no embeddings are given.</summary>
    [Parameter(ParameterSetName = ModelSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelCompleter))]
    public string Model { get; set; } = ModelCatalog.ResNet18ImageNetName;

    [Parameter(ParameterSetName = ModelSet)]
    [ValidateRange(1, 4096)]
    public int BatchSize { get; set; } = 64;

    [Parameter(Mandatory = true, ParameterSetName = FieldSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string EmbeddingField { get; set; } = "";

    /// <summary>A .npy file of N x D float32/float64 embeddings, row i for the i-th input sample.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string Embeddings { get; set; } = "";

    [Parameter(ParameterSetName = ModelSet)]
    [Parameter(ParameterSetName = FieldSet)]
    [Parameter(ParameterSetName = FileSet)]
    public DistanceMetric Metric { get; set; } = DistanceMetric.Cosine;

    protected bool UsesEmbeddings => ParameterSetName is ModelSet or FieldSet or FileSet;

    protected override void ProcessRecord() => Buffer.AddRange(InputObject);

    /// <summary>The embeddings of the buffered samples and the samples their rows belong to; run errors stop the run; null after Ctrl+C.</summary>
    protected (FloatMatrix Matrix, IReadOnlyList<Sample> Rows)? LoadEmbeddings()
    {
        if (ParameterSetName == FieldSet) ThrowIfFieldAbsent(FieldPresence.Of(Buffer, EmbeddingField), nameof(EmbeddingField));
        using var model = ParameterSetName == ModelSet ? ModelCommandSupport.LoadModel(this, Model) : null;
        var source = EmbeddingSource(model);
        try
        {
            var matrix = source.Load(Buffer);
            WriteVerbose($"{MyInvocation.MyCommand.Name}: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description}, {Metric} distance.");
            CheckFinite(matrix);
            return (matrix, source.RowsOf(Buffer));
        }
        catch (BrainInputException e)
        {
            ThrowRunError(e.Message, e.ErrorId, ErrorCategory.InvalidData, source.Description);
            throw;
        }
        catch (IOException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "EmbeddingsFileUnreadable", ErrorCategory.ReadError, Embeddings));
            throw;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Runs a neighbour scan, turning a libtorch that cannot load into one clear error; null when Ctrl+C stopped it.</summary>
    protected T? RunScan<T>(Func<T> scan) where T : class
    {
        try
        {
            return scan();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            ThrowRunError($"The neighbour search needs libtorch, which failed to load: {e.GetBaseException().Message}", "TorchUnavailable", ErrorCategory.ResourceUnavailable);
            return null;
        }
    }

    /// <summary>The scan options: progress on the given activity, cancelled by Ctrl+C.</summary>
    protected KnnOptions ScanOptions(string activity) => new()
    {
        Cancellation = Stopping,
        Progress = (done, total) =>
        {
            if (total < 4) return; // a single block finishes in a blink
            WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, activity)
            {
                PercentComplete = (int)(100 * done / total),
                StatusDescription = $"Tile {done} of {total}",
            });
        },
    };

    protected void CompleteProgress() =>
        WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });

    private void CheckFinite(FloatMatrix matrix)
    {
        for (long i = 0; i < matrix.Data.Length; i++)
            if (!float.IsFinite(matrix.Data[i]))
                throw new BrainInputException("EmbeddingNotFinite", $"Embedding {i / matrix.Columns} has a value that is {matrix.Data[i]} (dimension {i % matrix.Columns}); embeddings must be finite.");
    }

    private IEmbeddingSource EmbeddingSource(IImageModel? model) => ParameterSetName switch
    {
        FileSet => new NpyEmbeddingSource(ResolvePath(Embeddings)),
        FieldSet => new FieldEmbeddingSource(EmbeddingField),
        _ => new ModelEmbeddingSource(model!, BatchSize,
            (sample, error) => WriteSampleError(error, "ImageUnreadable", sample),
            done => WriteProgress(new ProgressRecord(2, MyInvocation.MyCommand.Name, $"Embedding images: {done} of {Buffer.Count}")
                { PercentComplete = (int)(100L * done / Buffer.Count) }),
            Stopping, ImagePixelLimit.Read(this)),
    };

    protected string ResolvePath(string path)
    {
        var full = GetUnresolvedProviderPathFromPSPath(path);
        if (!File.Exists(full))
            ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"Embeddings file not found: {full}", full), "EmbeddingsFileNotFound", ErrorCategory.ObjectNotFound, path));
        return full;
    }
}

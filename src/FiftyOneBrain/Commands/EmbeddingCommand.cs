using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Base of the cmdlets that score a whole dataset from one embedding per sample. Buffers the samples, then gets
/// the embeddings from an <see cref="IEmbeddingSource"/> chosen by parameter set: a model (the default, as in
/// FiftyOne), a sample field, or a .npy file; every way that can fail becomes one terminating error.
/// </summary>
public abstract class EmbeddingCommand : SamplePipelineCommand
{
    protected const string ModelSet = "Model";
    protected const string FieldSet = "EmbeddingField";
    protected const string FileSet = "EmbeddingsFile";

    /// <summary>The samples seen so far, in input order.</summary>
    protected List<Sample> Buffer { get; } = new();

    /// <summary>A named model, a .fomodel or a .onnx path; embeds the images when no embeddings are given. Default: the ImageNet ResNet18, since users' data are photos.</summary>
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

    /// <summary>The cmdlet's name, for progress.</summary>
    protected abstract string Activity { get; }

    protected override void ProcessRecord() => Buffer.AddRange(InputObject);

    /// <summary>Lets a cmdlet wrap the chosen source, e.g. to embed object patches instead of whole images.</summary>
    protected virtual IEmbeddingSource WrapSource(IEmbeddingSource source) => source;

    /// <summary>
    /// Loads the buffered samples' embeddings and runs <paramref name="score"/> on them (given the matrix and the
    /// source, which can embed further samples the same way); returns the samples the rows belong to with the
    /// result, or null after Ctrl+C.
    /// </summary>
    protected (IReadOnlyList<Sample> Rows, T Result)? ScoreEmbeddings<T>(Func<FloatMatrix, IEmbeddingSource, T> score)
    {
        // Some samples without the field stop the run (MissingEmbedding, from the source); none with it is a misspelling.
        if (ParameterSetName == FieldSet) ThrowIfFieldAbsent(FieldPresence.Of(Buffer, EmbeddingField), nameof(EmbeddingField));
        using var model = ParameterSetName == ModelSet ? ModelCommandSupport.LoadModel(this, Model) : null;
        var source = WrapSource(EmbeddingSource(model));
        try
        {
            var matrix = source.Load(Buffer);
            var rows = source.RowsOf(Buffer);
            return (rows, score(matrix, source));
        }
        catch (BrainInputException e)
        {
            ThrowRunError(e.Message, e.ErrorId, ErrorCategory.InvalidData, source.Description);
        }
        catch (IOException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "EmbeddingsFileUnreadable", ErrorCategory.ReadError, Embeddings));
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: nothing was written
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            ThrowRunError($"{Activity} needs ONNX Runtime, which failed to load: {e.GetBaseException().Message}", "OnnxRuntimeUnavailable", ErrorCategory.ResourceUnavailable);
        }
        return null;
    }

    private IEmbeddingSource EmbeddingSource(IImageModel? model) => ParameterSetName switch
    {
        FileSet => new NpyEmbeddingSource(ResolvePath(Embeddings)),
        FieldSet => new FieldEmbeddingSource(EmbeddingField),
        _ => new ModelEmbeddingSource(model!, BatchSize,
            (sample, error) => WriteSampleError(error, "ImageUnreadable", sample),
            done => WriteProgress(new ProgressRecord(2, Activity, $"Embedding images: {done} of {Buffer.Count}")
                { PercentComplete = (int)Math.Min(100, 100L * done / Buffer.Count) }), // object patches can outnumber the samples
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

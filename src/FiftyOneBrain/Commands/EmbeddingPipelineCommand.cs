using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Base of the neighbour cmdlets whose scans run after the embeddings are loaded (<see cref="EmbeddingCommand"/>
/// loads them), and which have parameter sets without embeddings too (e.g. -Exact): adds the distance (-Metric),
/// the finite check, and one way to run a scan with progress and Ctrl+C.
/// </summary>
public abstract class EmbeddingPipelineCommand : EmbeddingCommand
{
    [Parameter(ParameterSetName = ModelSet)]
    [Parameter(ParameterSetName = FieldSet)]
    [Parameter(ParameterSetName = FileSet)]
    public DistanceMetric Metric { get; set; } = DistanceMetric.Cosine;

    protected bool UsesEmbeddings => ParameterSetName is ModelSet or FieldSet or FileSet;

    protected override string Activity => MyInvocation.MyCommand.Name;

    /// <summary>The embeddings of the buffered samples and the samples their rows belong to; run errors stop the run; null after Ctrl+C.</summary>
    protected (FloatMatrix Matrix, IReadOnlyList<Sample> Rows)? LoadEmbeddings()
    {
        var outcome = ScoreEmbeddings((matrix, source) =>
        {
            WriteVerbose($"{Activity}: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description}, {Metric} distance.");
            CheckFinite(matrix);
            return matrix;
        });
        return outcome is var (rows, matrix) ? (matrix, rows) : null;
    }

    /// <summary>Runs a neighbour scan, turning an ONNX Runtime that cannot load into one clear error; null when Ctrl+C stopped it.</summary>
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
            ThrowRunError($"The neighbour search needs ONNX Runtime, which failed to load: {e.GetBaseException().Message}", "OnnxRuntimeUnavailable", ErrorCategory.ResourceUnavailable);
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
}

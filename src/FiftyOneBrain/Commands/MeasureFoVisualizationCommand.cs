using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Brain.Visualization;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Buffers the samples and writes a 2-D or 3-D point per sample (a double[] field, default "visualization") from
/// UMAP or exact PCA of their embeddings: FiftyOne Brain's compute_visualization. Embeddings come from a model
/// (the default), a sample field or a .npy file, as for Measure-FoUniqueness.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoVisualization", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class MeasureFoVisualizationCommand : SamplePipelineCommand
{
    private const string ModelSet = "Model";
    private const string FieldSet = "EmbeddingField";
    private const string FileSet = "EmbeddingsFile";
    private const string Activity = "Measure-FoVisualization";
    private readonly List<Sample> _buffer = new();

    [Parameter(Position = 0)]
    public VisualizationMethod Method { get; set; } = VisualizationMethod.Umap;

    [Parameter]
    [ValidateRange(2, 3)]
    public int Dimensions { get; set; } = 2;

    [Parameter]
    [ValidateRange(2, 200)]
    public int Neighbors { get; set; } = 15;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinDistance { get; set; } = 0.1;

    [Parameter]
    public int? Seed { get; set; }

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

    [Parameter(Mandatory = true, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string Embeddings { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Field")]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string VisualizationField { get; set; } = "visualization";

    protected override void ProcessRecord() => _buffer.AddRange(InputObject);

    protected override void EndProcessing()
    {
        if (_buffer.Count == 0)
        {
            WriteVerbose("Visualization: no samples came in.");
            return;
        }
        if (ParameterSetName == FieldSet) ThrowIfFieldAbsent(FieldPresence.Of(_buffer, EmbeddingField), nameof(EmbeddingField));
        using var model = ParameterSetName == ModelSet ? ModelCommandSupport.LoadModel(this, Model) : null;
        var source = EmbeddingSource(model);
        var watch = Stopwatch.StartNew();
        double[] points;
        IReadOnlyList<Sample> placed;
        try
        {
            var matrix = source.Load(_buffer);
            placed = source.RowsOf(_buffer);
            WriteVerbose($"Visualization: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description}, {Method.ToString().ToUpperInvariant()} to {Dimensions} dimensions.");
            points = Method == VisualizationMethod.Pca ? RunPca(matrix) : RunUmap(matrix);
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
        catch (ArgumentOutOfRangeException e) when (Method == VisualizationMethod.Pca)
        {
            ThrowRunError(e.Message.Split(Environment.NewLine)[0], "EmbeddingsTooWide", ErrorCategory.InvalidArgument, source.Description);
            return;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            ThrowRunError($"The nearest-neighbour search needs libtorch, which failed to load: {e.GetBaseException().Message}", "TorchUnavailable", ErrorCategory.ResourceUnavailable);
            return;
        }
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });

        for (var i = 0; i < placed.Count; i++) placed[i].SetField(VisualizationField, points.AsSpan(i * Dimensions, Dimensions).ToArray());
        WriteVerbose($"Visualization: {placed.Count} sample(s) placed in {watch.Elapsed.TotalSeconds:F2} s.");
        foreach (var sample in placed) WriteObject(sample);
    }

    private double[] RunPca(FloatMatrix matrix)
    {
        var result = Pca.Compute(matrix.Data, matrix.Rows, matrix.Columns, Dimensions, Stopping);
        WriteVerbose($"Visualization: PCA explains {string.Join(" + ", result.ExplainedRatios.Select(r => $"{100 * r:F1} %"))} of the variance.");
        return result.Points;
    }

    private double[] RunUmap(FloatMatrix matrix)
    {
        var seed = Seed ?? Random.Shared.Next();
        var result = Umap.Compute(matrix.Data, matrix.Rows, matrix.Columns, new UmapOptions
        {
            Dimensions = Dimensions,
            Neighbors = Neighbors,
            MinDistance = MinDistance,
            Seed = seed,
            Cancellation = Stopping,
            Progress = ReportProgress,
        });
        WriteVerbose($"Visualization: UMAP seed {seed}, {result.Neighbors} neighbours, {result.Edges} graph edges, {result.Epochs} epochs, a = {result.A:G6}, b = {result.B:G6}"
            + (result.SpectralConverged ? "." : "; the spectral initialisation did not fully converge and was used as it stood."));
        WriteVerbose($"Visualization: {result.Stages}.");
        return result.Points;
    }

    private void ReportProgress(string stage, long done, long total)
    {
        var status = stage switch
        {
            "neighbours" => $"Nearest neighbours of {_buffer.Count} samples: tile {done} of {total}",
            "epochs" => $"Layout: epoch {done} of {total}",
            _ => $"Stage: {stage}",
        };
        WriteProgress(new ProgressRecord(1, Activity, status) { PercentComplete = total > 0 ? (int)(100 * done / total) : 0 });
    }

    private IEmbeddingSource EmbeddingSource(IImageModel? model) => ParameterSetName switch
    {
        FileSet => new NpyEmbeddingSource(ResolvePath(Embeddings)),
        FieldSet => new FieldEmbeddingSource(EmbeddingField),
        _ => new ModelEmbeddingSource(model!, BatchSize,
            (sample, error) => WriteSampleError(error, "ImageUnreadable", sample),
            done => WriteProgress(new ProgressRecord(2, Activity, $"Embedding images: {done} of {_buffer.Count}")
                { PercentComplete = (int)(100L * done / _buffer.Count) }),
            Stopping, ImagePixelLimit.Read(this)),
    };

    private string ResolvePath(string path)
    {
        var full = GetUnresolvedProviderPathFromPSPath(path);
        if (!File.Exists(full))
            ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"Embeddings file not found: {full}", full), "EmbeddingsFileNotFound", ErrorCategory.ObjectNotFound, path));
        return full;
    }
}

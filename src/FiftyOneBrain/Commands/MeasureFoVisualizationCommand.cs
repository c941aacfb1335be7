using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Brain.Visualization;
using FiftyOneBrain.Formats;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Buffers the samples and writes a 2-D or 3-D point per sample (a double[] field, default "visualization") from
/// UMAP or exact PCA of their embeddings: FiftyOne Brain's compute_visualization. Embeddings come from a model
/// (the default), a sample field or a .npy file (<see cref="EmbeddingCommand"/>).
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoVisualization", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class MeasureFoVisualizationCommand : EmbeddingCommand
{
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

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Field")]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string VisualizationField { get; set; } = "visualization";

    protected override string Activity => "Measure-FoVisualization";

    protected override void EndProcessing()
    {
        if (Buffer.Count == 0)
        {
            WriteVerbose("Visualization: no samples came in.");
            return;
        }
        var watch = Stopwatch.StartNew();
        var outcome = ScoreEmbeddings((matrix, source) =>
        {
            WriteVerbose($"Visualization: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description}, {Method.ToString().ToUpperInvariant()} to {Dimensions} dimensions.");
            return Method == VisualizationMethod.Pca ? RunPca(matrix) : RunUmap(matrix);
        });
        if (outcome is not var (placed, points)) return;
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
            "neighbours" => $"Nearest neighbours of {Buffer.Count} samples: tile {done} of {total}",
            "epochs" => $"Layout: epoch {done} of {total}",
            _ => $"Stage: {stage}",
        };
        WriteProgress(new ProgressRecord(1, Activity, status) { PercentComplete = total > 0 ? (int)(100 * done / total) : 0 });
    }
}

using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Buffers the samples, finds each one's 3 nearest others by embedding (exact, blocked kNN) and sets uniqueness.
/// Embeddings come from a model, a sample field or a .npy file (<see cref="EmbeddingCommand"/>).
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoUniqueness", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class MeasureFoUniquenessCommand : EmbeddingCommand
{
    [Parameter]
    public DistanceMetric Metric { get; set; } = DistanceMetric.Cosine;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string UniquenessField { get; set; } = "uniqueness";

    protected override string Activity => "Measure-FoUniqueness";

    protected override void EndProcessing()
    {
        if (Buffer.Count == 0)
        {
            WriteVerbose("Uniqueness: no samples came in.");
            return;
        }
        var watch = Stopwatch.StartNew();
        var outcome = ScoreEmbeddings((matrix, description) =>
        {
            WriteVerbose($"Uniqueness: {matrix.Rows} x {matrix.Columns} embeddings from {description}, {Metric} distance.");
            return Uniqueness.Compute(matrix.Data, matrix.Rows, matrix.Columns, Metric, new KnnOptions
            {
                Progress = ReportProgress,
                Cancellation = Stopping,
            });
        });
        if (outcome is not var (scored, uniqueness)) return;
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });

        for (var i = 0; i < scored.Count; i++) scored[i].SetField(UniquenessField, uniqueness[i]);
        WriteVerbose($"Uniqueness: {scored.Count} sample(s) scored in {watch.Elapsed.TotalSeconds:F2} s.");
        foreach (var sample in scored) WriteObject(sample);
    }

    private void ReportProgress(long done, long total)
    {
        if (total < 4) return; // a single block finishes in a blink
        WriteProgress(new ProgressRecord(1, Activity, $"Nearest neighbours of {Buffer.Count} samples")
        {
            PercentComplete = (int)(100 * done / total),
            StatusDescription = $"Tile {done} of {total}",
        });
    }
}

using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Buffers the samples, finds each one's K nearest others by embedding (exact, blocked kNN) and sets uniqueness.
/// Embeddings come from a model, a sample field or a .npy file (<see cref="EmbeddingCommand"/>); with -RoiField a
/// sample's embedding is the mean of its objects' square patches.
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

    /// <summary>A Detections field: uniqueness of the objects, each sample embedded as the mean of its square patches.</summary>
    [Parameter(ParameterSetName = ModelSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string? RoiField { get; set; }

    /// <summary>How many nearest other samples the score averages over. Default: 3, as FiftyOne.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int K { get; set; }

    /// <summary>One weight per neighbour, nearest first. Default: 0.6, 0.3, 0.1 for K = 3 (FiftyOne's), else all equal.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[]? Weights { get; set; }

    protected override string Activity => "Measure-FoUniqueness";

    protected override void BeginProcessing()
    {
        if (Weights is not null && K > 0 && Weights.Length != K)
            ThrowRunError($"-Weights has {Weights.Length} value(s) but -K is {K}: give one weight per neighbour, nearest first.", "UniquenessWeightsMismatch", ErrorCategory.InvalidArgument, Weights);
        try { Uniqueness.CheckWeights(NeighbourWeights()); }
        catch (ArgumentException e) { ThrowRunError($"-Weights: {e.Message}", "UniquenessWeightsInvalid", ErrorCategory.InvalidArgument, Weights); }
    }

    private IReadOnlyList<double> NeighbourWeights() => Weights ?? Uniqueness.WeightsFor(K > 0 ? K : Uniqueness.Neighbors);

    protected override IEmbeddingSource WrapSource(IEmbeddingSource source) =>
        RoiField is null || ParameterSetName != ModelSet ? source
            : new PatchEmbeddingSource(source, RoiField, (sample, error) => WriteSampleError(error, "ImageUnreadable", sample));

    protected override void EndProcessing()
    {
        if (Buffer.Count == 0)
        {
            WriteVerbose("Uniqueness: no samples came in.");
            return;
        }
        if (RoiField is not null) ThrowIfFieldAbsent(FieldPresence.Of(Buffer, RoiField), nameof(RoiField));
        var watch = Stopwatch.StartNew();
        var outcome = ScoreEmbeddings((matrix, source) =>
        {
            if (source is PatchEmbeddingSource patches)
                WriteVerbose($"Uniqueness: {patches.Counts.Patches} object patch(es) embedded; {patches.Counts.WholeImages} sample(s) without objects embedded whole.");
            var weights = NeighbourWeights();
            WriteVerbose($"Uniqueness: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description}, {Metric} distance, K = {weights.Count}, weights {string.Join(", ", weights)}.");
            return Uniqueness.Compute(matrix.Data, matrix.Rows, matrix.Columns, Metric, new KnnOptions
            {
                Progress = ReportProgress,
                Cancellation = Stopping,
            }, weights);
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

using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>How representativeness is scored: by closeness to the cluster centre, optionally with FiftyOne's redundancy pass.</summary>
public enum RepresentativenessMethod
{
    ClusterCenter,
    ClusterCenterDownweight,
}

/// <summary>Buffers the samples, clusters their embeddings with k-means and sets representativeness (<see cref="Representativeness"/>).</summary>
[Cmdlet(VerbsDiagnostic.Measure, "FoRepresentativeness", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class MeasureFoRepresentativenessCommand : EmbeddingCommand
{
    [Parameter]
    public RepresentativenessMethod Method { get; set; } = RepresentativenessMethod.ClusterCenter;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Clusters { get; set; } = Representativeness.DefaultClusters;

    [Parameter]
    public int Seed { get; set; } = Representativeness.DefaultSeed;

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double Radius { get; set; } = Representativeness.DefaultRadius;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Factor { get; set; } = Representativeness.DefaultFactor;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string RepresentativenessField { get; set; } = "representativeness";

    protected override string Activity => "Measure-FoRepresentativeness";

    protected override void BeginProcessing() => ModelCommandSupport.RequireFieldName(this, RepresentativenessField, nameof(RepresentativenessField));

    protected override void EndProcessing()
    {
        if (Buffer.Count == 0)
        {
            WriteVerbose("Representativeness: no samples came in.");
            return;
        }
        var watch = Stopwatch.StartNew();
        var outcome = ScoreEmbeddings((matrix, source) =>
        {
            var k = Math.Min(Clusters, matrix.Rows);
            WriteVerbose($"Representativeness: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description}, k-means with k = {k}, seed {Seed}, {Method}.");
            WriteProgress(new ProgressRecord(1, Activity, $"Clustering {matrix.Rows} samples into {k} clusters"));
            var (scores, clustering) = Representativeness.Run(matrix.Data, matrix.Rows, matrix.Columns, new Representativeness.Options
            {
                Clusters = Clusters,
                Seed = Seed,
                Downweight = Method == RepresentativenessMethod.ClusterCenterDownweight,
                Radius = Radius,
                Factor = Factor,
                Cancellation = Stopping,
            });
            WriteVerbose($"Representativeness: k-means inertia {clustering!.Inertia:R} after {clustering.Iterations} Lloyd iteration(s) of the best of {KMeans.DefaultInitializations} initialisations.");
            return scores;
        });
        if (outcome is not var (scored, scores)) return;
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        for (var i = 0; i < scored.Count; i++) scored[i].SetField(RepresentativenessField, scores[i]);
        WriteVerbose($"Representativeness: {scored.Count} sample(s) scored in {watch.Elapsed.TotalSeconds:F2} s.");
        foreach (var sample in scored) WriteObject(sample);
    }
}

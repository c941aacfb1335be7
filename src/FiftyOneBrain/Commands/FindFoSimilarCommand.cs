using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Formats;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Sort by similarity: collects the pipeline's samples, embeds them (model, field or .npy: <see cref="EmbeddingCommand"/>),
/// and emits them nearest to the query first with the distance in a field. The search is <see cref="SimilaritySearch"/>.
/// </summary>
[Cmdlet(VerbsCommon.Find, "FoSimilar", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class FindFoSimilarCommand : EmbeddingCommand
{
    /// <summary>What to compare with: samples, sample ids, image paths or one embedding (numbers).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public object[] Query { get; set; } = Array.Empty<object>();

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int K { get; set; }

    [Parameter]
    public SwitchParameter Reverse { get; set; }

    [Parameter]
    public SwitchParameter IncludeQuery { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string DistanceField { get; set; } = "similarity_distance";

    [Parameter]
    public DistanceMetric Metric { get; set; } = DistanceMetric.Cosine;

    [Parameter]
    public SimilarityAggregation Aggregation { get; set; } = SimilarityAggregation.MeanDistance;

    protected override string Activity => "Find-FoSimilar";

    protected override void BeginProcessing() => ModelCommandSupport.RequireFieldName(this, DistanceField, nameof(DistanceField));

    protected override void EndProcessing()
    {
        if (Buffer.Count == 0)
        {
            WriteVerbose("Similarity: no samples came in.");
            return;
        }
        var watch = Stopwatch.StartNew();
        var outcome = ScoreEmbeddings((matrix, source) =>
        {
            var rows = source.RowsOf(Buffer);
            if (rows.Count == 0) ThrowRunError("No sample could be embedded.", "NoEmbeddings", ErrorCategory.InvalidData);
            WriteVerbose($"Similarity: {matrix.Rows} x {matrix.Columns} embeddings from {source.Description} in {watch.Elapsed.TotalSeconds:F2} s.");
            var (queries, queryRows) = ResolveQueries(rows, matrix, source);
            var search = Stopwatch.StartNew();
            var result = SimilaritySearch.Rank(matrix.Data, matrix.Rows, matrix.Columns, queries, Metric, K > 0 ? K : null, Reverse,
                Aggregation, IncludeQuery ? null : queryRows, Stopping);
            WriteVerbose($"Similarity: {queries.Count} quer{(queries.Count == 1 ? "y" : "ies")} against {matrix.Rows} samples in {search.Elapsed.TotalSeconds:F3} s.");
            return result;
        });
        if (outcome is not var (rows, result)) return;
        for (var i = 0; i < result.Order.Length; i++)
        {
            var sample = rows[result.Order[i]];
            sample.SetField(DistanceField, result.Distances[i]);
            WriteObject(sample);
        }
    }

    /// <summary>Turns each -Query item into an embedding; items that are input samples also give their row (left out of the output).</summary>
    private (List<float[]> Queries, HashSet<int> Rows) ResolveQueries(IReadOnlyList<Sample> rows, FloatMatrix matrix, IEmbeddingSource source)
    {
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++) rowOf.TryAdd(rows[i].Id, i);
        var queries = new List<float[]>();
        var queryRows = new HashSet<int>();
        var numbers = new List<float>();
        foreach (var raw in Query)
        {
            var item = raw is PSObject o ? o.BaseObject : raw;
            switch (item)
            {
                case Sample s when rowOf.TryGetValue(s.Id, out var row):
                    queries.Add(RowOf(matrix, row));
                    queryRows.Add(row);
                    break;
                case Sample s:
                    queries.Add(EmbedOutside(s, source, s.Filepath));
                    break;
                case string id when rowOf.TryGetValue(id, out var row):
                    queries.Add(RowOf(matrix, row));
                    queryRows.Add(row);
                    break;
                case string path when File.Exists(GetUnresolvedProviderPathFromPSPath(path)):
                    queries.Add(EmbedOutside(new Sample(GetUnresolvedProviderPathFromPSPath(path)), source, path));
                    break;
                case string text:
                    ThrowRunError($"-Query '{text}' is neither the Id of an input sample nor an image file.", "QueryNotFound", ErrorCategory.ObjectNotFound, text);
                    break;
                case float[] f:
                    queries.Add(f);
                    break;
                case double[] d:
                    queries.Add(d.Select(v => (float)v).ToArray());
                    break;
                case IConvertible number when item is not bool:
                    numbers.Add(Convert.ToSingle(number, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    ThrowRunError($"-Query cannot use a {item?.GetType().Name ?? "null"}: give samples, sample ids, image paths or one embedding.", "QueryInvalid", ErrorCategory.InvalidArgument, item);
                    break;
            }
        }
        if (numbers.Count > 0) queries.Add(numbers.ToArray()); // -Query 0.1, 0.2, ... is one embedding
        return (queries, queryRows);
    }

    private static float[] RowOf(FloatMatrix matrix, int row) => matrix.Data.AsSpan((int)((long)row * matrix.Columns), matrix.Columns).ToArray();

    /// <summary>A query that is not among the input: embedded the same way (a model or the field); a .npy has no row for it.</summary>
    private float[] EmbedOutside(Sample sample, IEmbeddingSource source, string shown)
    {
        if (source is NpyEmbeddingSource)
            ThrowRunError($"-Query '{shown}' is not among the input samples, and a .npy file has rows only for those.", "QueryNotFound", ErrorCategory.ObjectNotFound, shown);
        var embedded = source.Load(new[] { sample });
        if (embedded.Rows == 0)
            ThrowRunError($"-Query '{shown}' could not be embedded.", "QueryUnreadable", ErrorCategory.InvalidData, shown);
        return RowOf(embedded, 0);
    }
}

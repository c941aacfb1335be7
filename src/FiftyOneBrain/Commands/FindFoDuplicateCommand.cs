using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Imaging;
using FiftyOneBrain.Models;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Finds duplicates among the buffered samples and marks them: byte-identical files (-Exact, SHA-256), near
/// duplicates by embedding distance (-Threshold or -Fraction, FiftyOne's greedy rule) or by perceptual hash
/// (-Method PerceptualHash). A duplicate gets duplicate_of (the kept sample's Id), duplicate_distance and the tag
/// duplicate; a kept sample loses any of them from an earlier run. Every sample passes on, in input order.
/// </summary>
[Cmdlet(VerbsCommon.Find, "FoDuplicate", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class FindFoDuplicateCommand : EmbeddingPipelineCommand
{
    public const string DuplicateOfField = "duplicate_of";
    public const string DistanceField = "duplicate_distance";
    public const string DuplicateTag = "duplicate";
    private const string ExactSet = "Exact";
    private const string HashSet = "PerceptualHash";

    [Parameter(Mandatory = true, ParameterSetName = ExactSet)]
    public SwitchParameter Exact { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = HashSet)]
    [ValidateSet("PerceptualHash")]
    public string Method { get; set; } = "PerceptualHash";

    /// <summary>Largest Hamming distance (bits of 64) between the hashes of duplicates.</summary>
    [Parameter(ParameterSetName = HashSet)]
    [ValidateRange(0, 64)]
    public int MaxDistance { get; set; } = 8;

    [Parameter(ParameterSetName = ModelSet)]
    [Parameter(ParameterSetName = FieldSet)]
    [Parameter(ParameterSetName = FileSet)]
    [ValidateRange(0.0, double.MaxValue)]
    public double Threshold { get; set; } = 0.2;

    [Parameter(ParameterSetName = ModelSet)]
    [Parameter(ParameterSetName = FieldSet)]
    [Parameter(ParameterSetName = FileSet)]
    [ValidateRange(0.0, 1.0)]
    public double? Fraction { get; set; }

    protected override void EndProcessing()
    {
        if (Buffer.Count == 0)
        {
            WriteVerbose("Find-FoDuplicate: no samples came in.");
            return;
        }
        var watch = Stopwatch.StartNew();
        var found = ParameterSetName switch
        {
            ExactSet => ByHash(),
            HashSet => ByPerceptualHash(),
            _ => ByEmbedding(),
        };
        if (found is not { } result) return; // Ctrl+C
        CompleteProgress();
        var (rows, marks) = result;
        for (var i = 0; i < rows.Count; i++) Mark(rows[i], marks.DuplicateOf[i] < 0 ? null : rows[marks.DuplicateOf[i]], marks.Distance[i]);
        WriteVerbose($"Find-FoDuplicate: {marks.DuplicateCount} duplicate(s) among {rows.Count} sample(s) in {watch.Elapsed.TotalSeconds:F2} s.");
        foreach (var sample in Buffer) WriteObject(sample);
    }

    private static void Mark(Sample sample, Sample? keeper, double distance)
    {
        if (keeper is null)
        {
            sample.RemoveField(DuplicateOfField);
            sample.RemoveField(DistanceField);
            sample.Tags.RemoveAll(t => t == DuplicateTag);
            return;
        }
        sample.SetField(DuplicateOfField, keeper.Id);
        sample.SetField(DistanceField, distance);
        if (!sample.Tags.Contains(DuplicateTag)) sample.Tags.Add(DuplicateTag);
    }

    private (IReadOnlyList<Sample>, DuplicateResult)? ByHash()
    {
        var hashes = new byte[]?[Buffer.Count];
        if (!InChunks("Hashing files", (from, to) =>
            {
                var (chunk, failures) = ExactDuplicates.Hash(Buffer.Skip(from).Take(to - from).Select(s => s.Filepath).ToList(), Stopping);
                chunk.CopyTo(hashes, from);
                return failures;
            }, "FileUnreadable")) return null;
        var of = ExactDuplicates.Group(hashes);
        var rows = Enumerable.Range(0, Buffer.Count).Where(i => hashes[i] is not null).ToList();
        return Subset(rows, of, new double[of.Length]);
    }

    private (IReadOnlyList<Sample>, DuplicateResult)? ByPerceptualHash()
    {
        var maxPixels = ImagePixelLimit.Read(this);
        var hashes = new ulong[Buffer.Count];
        var ok = new bool[Buffer.Count];
        if (!InChunks("Hashing images", (from, to) =>
            {
                var failures = new Exception?[to - from];
                Parallel.For(from, to, new ParallelOptions { CancellationToken = Stopping }, i =>
                {
                    try
                    {
                        hashes[i] = PerceptualHash.OfFile(Buffer[i].Filepath, maxPixels);
                        ok[i] = true;
                    }
                    catch (Exception e) when (ImageDecoder.IsImageProblem(e)) { failures[i - from] = e; }
                });
                return failures;
            }, "ImageUnreadable")) return null;
        var rows = Enumerable.Range(0, Buffer.Count).Where(i => ok[i]).ToList();
        var pairs = RunScan(() => HammingPairs.Find(rows.Select(i => hashes[i]).ToList(), MaxDistance, Stopping));
        if (pairs is null) return null;
        WriteVerbose($"Find-FoDuplicate: {pairs.Count} pair(s) of perceptual hashes within {MaxDistance} bit(s).");
        var marks = NearDuplicates.FromPairs(rows.Count, pairs, MaxDistance);
        return (rows.Select(i => Buffer[i]).ToList(), marks);
    }

    /// <summary>
    /// Runs per-file work in chunks on worker threads, reporting progress and each file's error from this thread
    /// (PowerShell takes output only from the pipeline thread). False when Ctrl+C stopped it.
    /// </summary>
    private bool InChunks(string activity, Func<int, int, Exception?[]> work, string errorId)
    {
        const int chunk = 256;
        try
        {
            for (var from = 0; from < Buffer.Count; from += chunk)
            {
                var to = Math.Min(Buffer.Count, from + chunk);
                var failures = work(from, to);
                for (var i = 0; i < failures.Length; i++)
                    if (failures[i] is { } e) WriteSampleError(e, errorId, Buffer[from + i]);
                WriteProgress(new ProgressRecord(1, "Find-FoDuplicate", $"{activity}: {to} of {Buffer.Count}") { PercentComplete = (int)(100L * to / Buffer.Count) });
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private (IReadOnlyList<Sample>, DuplicateResult)? ByEmbedding()
    {
        if (LoadEmbeddings() is not var (matrix, rows)) return null;
        var options = ScanOptions($"Pairs of {matrix.Rows} samples within the threshold");
        var cache = new PairCache(t => RadiusPairs.Find(matrix.Data, matrix.Rows, matrix.Columns, t, Metric, options));
        var marks = RunScan(() => Fraction is { } fraction
            ? NearDuplicates.FromFraction(matrix.Rows, fraction, cache.Within, MyInvocation.BoundParameters.ContainsKey(nameof(Threshold)) ? Threshold : null,
                  (t, kept, target) => WriteVerbose($"Find-FoDuplicate: threshold {t:G6} keeps {kept} (target {target})."))
              ?? AllOrNone(matrix.Rows, fraction)
            : NearDuplicates.FromPairs(matrix.Rows, cache.Within(Threshold), Threshold));
        if (marks is null) return null;
        WriteVerbose($"Find-FoDuplicate: threshold {marks.Threshold:G6}, {cache.Scans} scan(s) of all pairs.");
        return (rows, marks);
    }

    /// <summary>FiftyOne's ends of the fraction search: nothing to mark, or every sample (none kept, nothing to attach to).</summary>
    private static DuplicateResult AllOrNone(int count, double fraction)
    {
        var of = new int[count];
        Array.Fill(of, -1);
        return new DuplicateResult(of, new double[count], double.NaN);
    }

    private (IReadOnlyList<Sample>, DuplicateResult) Subset(List<int> rows, int[] of, double[] distance)
    {
        var position = new Dictionary<int, int>();
        for (var r = 0; r < rows.Count; r++) position[rows[r]] = r;
        var subsetOf = rows.Select(i => of[i] < 0 ? -1 : position[of[i]]).ToArray();
        return (rows.Select(i => Buffer[i]).ToList(), new DuplicateResult(subsetOf, rows.Select(i => distance[i]).ToArray(), 0));
    }
}

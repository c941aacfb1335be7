using System.Diagnostics;
using System.Management.Automation;
using FiftyOneBrain.Brain;
using FiftyOneBrain.PowerShell.Completion;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Leaky splits: marks the samples that have a sample of another split within the threshold (leak, leak_of,
/// leak_distance). The split of a sample is the value of -SplitField, or the one -SplitTag tag it carries. Samples pass
/// on unchanged in the pipeline; one summary per pair of splits goes to the information stream, so the output stays
/// samples (pipe it on to Export-FoDataset) and the counts are there with -InformationVariable or -InformationAction Continue.
/// </summary>
[Cmdlet(VerbsCommon.Find, "FoLeak", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Sample))]
public sealed class FindFoLeakCommand : EmbeddingPipelineCommand
{
    public const string LeakField = "leak";
    public const string LeakOfField = "leak_of";
    public const string LeakDistanceField = "leak_distance";
    public const string SummaryTag = "FoLeakSummary";

    /// <summary>A sample field whose value (as text) names the sample's split.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string? SplitField { get; set; }

    /// <summary>Tags that name splits; a sample's split is the one of them it carries.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SplitTag { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double Threshold { get; set; } = 0.2;

    protected override void EndProcessing()
    {
        if ((SplitField is null) == (SplitTag is null))
            ThrowRunError("Give either -SplitField or -SplitTag to say which split each sample is in.", "SplitNotGiven", ErrorCategory.InvalidArgument);
        if (Buffer.Count == 0)
        {
            WriteVerbose("Find-FoLeak: no samples came in.");
            return;
        }
        if (SplitField is not null) ThrowIfFieldAbsent(FieldPresence.Of(Buffer, SplitField), nameof(SplitField));
        var watch = Stopwatch.StartNew();
        if (LoadEmbeddings() is not var (matrix, rows)) return;
        var (split, names) = Splits(rows);
        var unassigned = split.Count(s => s < 0);
        if (unassigned > 0)
            WriteWarning($"{unassigned} of {rows.Count} samples are in no split ({(SplitField is null ? "none of the tags " + string.Join(", ", SplitTag!) : "no value in field '" + SplitField + "'")}); they were left alone.");
        var pairs = RunScan(() => RadiusPairs.Find(matrix.Data, matrix.Rows, matrix.Columns, Threshold, Metric, ScanOptions($"Pairs of {matrix.Rows} samples within the threshold")));
        if (pairs is null) return;
        CompleteProgress();
        var leaks = LeakySplits.FromPairs(split, names.Count, pairs, Threshold);
        for (var i = 0; i < rows.Count; i++)
        {
            if (split[i] < 0) continue;
            var sample = rows[i];
            sample.SetField(LeakField, leaks.LeakOf[i] >= 0);
            if (leaks.LeakOf[i] >= 0)
            {
                sample.SetField(LeakOfField, rows[leaks.LeakOf[i]].Id);
                sample.SetField(LeakDistanceField, leaks.Distance[i]);
            }
            else
            {
                sample.RemoveField(LeakOfField);
                sample.RemoveField(LeakDistanceField);
            }
        }
        foreach (var s in leaks.Summary)
        {
            var summary = new PSObject();
            summary.TypeNames.Insert(0, "FiftyOneBrain.LeakSummary");
            summary.Properties.Add(new PSNoteProperty("SplitA", names[s.SplitA]));
            summary.Properties.Add(new PSNoteProperty("SplitB", names[s.SplitB]));
            summary.Properties.Add(new PSNoteProperty("LeakingFromA", s.LeakingFromA));
            summary.Properties.Add(new PSNoteProperty("LeakingFromB", s.LeakingFromB));
            summary.Properties.Add(new PSNoteProperty("Pairs", s.Pairs));
            WriteInformation(new InformationRecord(summary, MyInvocation.MyCommand.Name) { Tags = { SummaryTag } });
        }
        WriteVerbose($"Find-FoLeak: {leaks.LeakCount} leaking sample(s) among {rows.Count - unassigned} in {names.Count} split(s), {pairs.Count} pair(s) within {Threshold:G6}, in {watch.Elapsed.TotalSeconds:F2} s.");
        foreach (var sample in Buffer) WriteObject(sample);
    }

    /// <summary>Split index per row (-1: none), splits numbered in order of first appearance (-SplitTag: the order given).</summary>
    private (int[] Split, List<string> Names) Splits(IReadOnlyList<Sample> rows)
    {
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (SplitTag is not null)
            foreach (var tag in SplitTag.Distinct(StringComparer.Ordinal)) { index[tag] = names.Count; names.Add(tag); }
        var split = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            split[i] = -1;
            if (SplitTag is not null)
            {
                var carried = rows[i].Tags.Where(index.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
                if (carried.Count == 1) split[i] = index[carried[0]];
                else if (carried.Count > 1)
                    WriteSampleError($"The sample carries several split tags ({string.Join(", ", carried)}); it was left alone.", "SampleInSeveralSplits", ErrorCategory.InvalidData, rows[i]);
                continue;
            }
            if (rows[i].GetField(SplitField!) is not { } value) continue;
            var name = LanguagePrimitives.ConvertTo<string>(value);
            if (string.IsNullOrEmpty(name)) continue;
            if (!index.TryGetValue(name, out var s))
            {
                s = index[name] = names.Count;
                names.Add(name);
            }
            split[i] = s;
        }
        return (split, names);
    }
}

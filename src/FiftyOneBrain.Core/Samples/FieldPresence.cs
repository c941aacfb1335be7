namespace FiftyOneBrain.Samples;

/// <summary>
/// Notices a field that samples do not have (a misspelled -LabelField, a scoring step that never ran) without
/// slowing a stream down: the first <see cref="DecideAfter"/> samples are held back and their field names noted;
/// after them (or at the end of a shorter input) the check is decided. A field none of them had is
/// <see cref="Absent"/>, and the caller stops before any held sample went on. From then on each sample costs one
/// lookup per field, counting the ones without it for a closing warning.
/// </summary>
public sealed class FieldPresence
{
    /// <summary>How many samples a stream holds back before deciding; enough to see a field that most samples have.</summary>
    public const int DefaultDecideAfter = 1000;

    private readonly string[] _fields;
    private readonly long[] _missing;
    private readonly List<Sample> _held = new();
    private readonly List<string> _seenNames = new();
    private readonly HashSet<string> _seenNameSet = new(StringComparer.Ordinal);
    private readonly Sample[] _one = new Sample[1];

    public FieldPresence(IEnumerable<string> fields, int decideAfter = DefaultDecideAfter)
    {
        _fields = fields.Distinct(StringComparer.Ordinal).ToArray();
        _missing = new long[_fields.Length];
        if (decideAfter < 1) throw new ArgumentOutOfRangeException(nameof(decideAfter), decideAfter, "Decide after at least one sample.");
        DecideAfter = decideAfter;
    }

    /// <summary>Counts the fields of samples that are all at hand (a buffering cmdlet) and decides at once.</summary>
    public static FieldPresence Of(IReadOnlyCollection<Sample> samples, params string[] fields)
    {
        var presence = new FieldPresence(fields, Math.Max(samples.Count, 1));
        foreach (var s in samples) presence.Count(s, noteNames: true);
        presence.DecidedOnAll = true;
        presence.Decide();
        return presence;
    }

    public int DecideAfter { get; }
    public bool Decided { get; private set; }
    public long Seen { get; private set; }

    /// <summary>Samples seen when the check was decided: how many the "no sample has it" verdict rests on.</summary>
    public long DecidedOn { get; private set; }

    /// <summary>True when the decision saw the whole input, not only its first <see cref="DecideAfter"/> samples.</summary>
    public bool DecidedOnAll { get; private set; }

    /// <summary>The first checked field none of the samples seen before the decision had, or null.</summary>
    public string? Absent { get; private set; }

    /// <summary>Field names the samples seen before the decision do have, in the order first met (for the error message).</summary>
    public IReadOnlyList<string> ExistingFields => _seenNames;

    public long MissingCount(string field)
    {
        var f = Array.IndexOf(_fields, field);
        return f < 0 ? 0 : _missing[f];
    }

    /// <summary>The checked fields some (not all) samples lack, with how many lack them.</summary>
    public IEnumerable<(string Field, long Missing)> PartlyMissing()
    {
        for (var f = 0; f < _fields.Length; f++)
            if (_missing[f] > 0 && _missing[f] < Seen) yield return (_fields[f], _missing[f]);
    }

    /// <summary>
    /// Takes the next sample of a stream and returns the samples the caller may process now, in input order:
    /// none while the first samples are held, all held ones at the decision, then just this one.
    /// The returned list is reused; consume it before the next call.
    /// </summary>
    public IReadOnlyList<Sample> Pass(Sample sample)
    {
        Count(sample, noteNames: !Decided);
        if (Decided)
        {
            _one[0] = sample;
            return _one;
        }
        _held.Add(sample);
        return _held.Count >= DecideAfter ? Decide() : Array.Empty<Sample>();
    }

    /// <summary>Ends the stream: decides if the input was shorter than <see cref="DecideAfter"/> and returns the samples still held.</summary>
    public IReadOnlyList<Sample> Finish()
    {
        if (Decided) return Array.Empty<Sample>();
        DecidedOnAll = true;
        return Decide();
    }

    private IReadOnlyList<Sample> Decide()
    {
        Decided = true;
        DecidedOn = Seen;
        for (var f = 0; f < _fields.Length && Seen > 0; f++)
            if (_missing[f] == Seen) { Absent = _fields[f]; break; }
        var released = _held.ToArray();
        _held.Clear();
        return released;
    }

    private void Count(Sample sample, bool noteNames)
    {
        Seen++;
        for (var f = 0; f < _fields.Length; f++)
            if (sample.GetField(_fields[f]) is null) _missing[f]++;
        if (!noteNames) return;
        foreach (var name in sample.FieldNames)
            if (_seenNameSet.Add(name)) _seenNames.Add(name);
    }
}

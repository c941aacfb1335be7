using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Gallery;

/// <summary>
/// Orders samples by a numeric field the way the page does: stable (ties keep input order) and samples
/// without a number for the field always last, whatever the direction, so "top N" never picks blanks.
/// </summary>
public static class SampleOrdering
{
    public static IReadOnlyList<Sample> SortAndTake(IReadOnlyList<Sample> samples, string? sortBy, bool descending, int? first)
    {
        IEnumerable<Sample> ordered = samples;
        if (!string.IsNullOrEmpty(sortBy))
        {
            var keys = samples.Select(s => GalleryFields.NumberOf(s, sortBy)).ToArray();
            if (samples.Count > 0 && keys.All(k => k is null))
                throw new ArgumentException($"No sample has a numeric field '{sortBy}' to sort by.", nameof(sortBy));
            var index = Enumerable.Range(0, samples.Count).ToArray();
            Array.Sort(index, (a, b) => Compare(keys[a], keys[b], descending) is var c && c != 0 ? c : a.CompareTo(b));
            ordered = index.Select(i => samples[i]);
        }
        if (first is { } n) ordered = ordered.Take(n);
        return ordered.ToList();
    }

    private static int Compare(double? a, double? b, bool descending)
    {
        if (a is null || b is null) return (a is null).CompareTo(b is null);
        return descending ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value);
    }
}

using System.Collections.Concurrent;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Completion;

/// <summary>Field names of the samples this session's cmdlets have seen, offered by tab completion.</summary>
internal static class SeenFieldNames
{
    private static readonly ConcurrentDictionary<string, byte> Names = new(StringComparer.Ordinal);

    /// <summary>The names every workflow uses, offered before any sample was seen.</summary>
    public static readonly string[] WellKnown = { "ground_truth", "predictions", "mistakenness", "hardness", "uniqueness", "embedding" };

    public static void Record(IEnumerable<Sample> samples)
    {
        foreach (var s in samples)
            foreach (var name in s.FieldNames)
                Names.TryAdd(name, 0);
    }

    public static IEnumerable<string> All() => WellKnown.Concat(Names.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}

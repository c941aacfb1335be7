using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>Conveniences for C# callers that want plain samples from a reader.</summary>
public static class ReadResults
{
    /// <summary>All samples; the first per-sample problem throws <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<Sample> SamplesOrThrow(this IEnumerable<ReadResult> results)
    {
        var samples = new List<Sample>();
        foreach (var r in results)
        {
            if (r.Problem is not null) throw new InvalidDataException(r.Problem.ToString());
            samples.Add(r.Sample!);
        }
        return samples;
    }

    /// <summary>The samples, with the problems collected into <paramref name="problems"/>.</summary>
    public static List<Sample> Samples(this IEnumerable<ReadResult> results, out List<DatasetProblem> problems)
    {
        var samples = new List<Sample>();
        problems = new List<DatasetProblem>();
        foreach (var r in results)
        {
            if (r.Problem is not null) problems.Add(r.Problem);
            else samples.Add(r.Sample!);
        }
        return samples;
    }

    /// <summary>Stops after <paramref name="maxSamples"/> samples (problems pass through and do not count).</summary>
    public static IEnumerable<ReadResult> LimitSamples(this IEnumerable<ReadResult> results, int? maxSamples)
    {
        var remaining = maxSamples ?? int.MaxValue;
        if (remaining <= 0) yield break;
        foreach (var r in results)
        {
            yield return r;
            if (r.Sample is not null && --remaining == 0) yield break;
        }
    }
}

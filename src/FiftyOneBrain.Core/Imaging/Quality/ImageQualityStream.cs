using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Decodes and scores images on the thread pool as samples arrive, a bounded number in flight, and hands the
/// results back in arrival order. Each image is decoded once and its pixels dropped after scoring; only the
/// scores (and the size odd_size needs) are kept.
/// </summary>
public sealed class ImageQualityStream(bool greyWhenChannelsEqual, long maxPixels, int parallelism = 0, CancellationToken cancel = default)
{
    /// <summary>One sample's outcome: scores, or the per-sample problem that stopped its decode.</summary>
    public readonly record struct Outcome(Sample Sample, ImageQualityScores? Scores, Exception? Error);

    private readonly int _parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
    private readonly Queue<(Sample Sample, Task<ImageQualityScores> Work)> _pending = new();

    /// <summary>Starts scoring <paramref name="sample"/>'s image; returns what finished meanwhile, in order.</summary>
    public IReadOnlyList<Outcome> Add(Sample sample)
    {
        var path = sample.Filepath;
        _pending.Enqueue((sample, Task.Run(() => ImageQualityScores.Measure(QualityImageDecoder.Decode(path, maxPixels), greyWhenChannelsEqual), cancel)));
        var done = new List<Outcome>();
        // Keep at most twice the cores in flight: enough to hide one slow image, bounded in memory.
        while (_pending.Count > 2 * _parallelism || (_pending.Count > 0 && _pending.Peek().Work.IsCompleted)) done.Add(Take());
        return done;
    }

    /// <summary>Waits for every image still in flight.</summary>
    public IReadOnlyList<Outcome> Finish()
    {
        var done = new List<Outcome>();
        while (_pending.Count > 0) done.Add(Take());
        return done;
    }

    private Outcome Take()
    {
        var (sample, work) = _pending.Dequeue();
        try
        {
            return new Outcome(sample, work.GetAwaiter().GetResult(), null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new Outcome(sample, null, e);
        }
    }
}

using System.Collections.Concurrent;
using FiftyOneBrain.Imaging;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Models;

/// <summary>A batch of decoded, normalised images; <see cref="Failures"/> are the samples that could not be decoded.</summary>
public sealed record DecodedBatch(IReadOnlyList<Sample> Samples, float[] Pixels, IReadOnlyList<(Sample Sample, Exception Error)> Failures);

/// <summary>
/// Producer/consumer: a background task decodes and normalises the next batches while the caller runs
/// the network on the current one, so decoding overlaps inference. Batches come out in input order;
/// a file that fails to decode is reported in its batch's Failures and the rest of the batch goes on.
/// </summary>
public static class DecodedBatchStream
{
    /// <summary>How many decoded batches may wait for the network (bounded so memory stays flat).</summary>
    private const int Prefetch = 3;

    public static IEnumerable<DecodedBatch> Read(IReadOnlyList<Sample> samples, int batchSize, ImagePreprocessing preprocessing, CancellationToken cancel = default,
        long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (samples.Count == 0) yield break;
        using var queue = new BlockingCollection<DecodedBatch>(Prefetch);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(() => Produce(samples, batchSize, preprocessing, maxPixels, queue, stop.Token));
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancel)) yield return batch;
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try { producer.Wait(); } catch (AggregateException) { }
        }
    }

    private static void Produce(IReadOnlyList<Sample> samples, int batchSize, ImagePreprocessing preprocessing, long maxPixels, BlockingCollection<DecodedBatch> queue, CancellationToken cancel)
    {
        try
        {
            var bytes = new byte[preprocessing.ValuesPerImage];
            for (var start = 0; start < samples.Count; start += batchSize)
            {
                cancel.ThrowIfCancellationRequested();
                queue.Add(Decode(samples, start, Math.Min(batchSize, samples.Count - start), preprocessing, maxPixels, bytes), cancel);
            }
        }
        catch (OperationCanceledException) { }
        finally { queue.CompleteAdding(); }
    }

    private static DecodedBatch Decode(IReadOnlyList<Sample> samples, int start, int count, ImagePreprocessing preprocessing, long maxPixels, byte[] bytes)
    {
        var per = preprocessing.ValuesPerImage;
        var pixels = new float[count * per];
        var decoded = new List<Sample>(count);
        var failures = new List<(Sample, Exception)>();
        for (var i = start; i < start + count; i++)
        {
            var sample = samples[i];
            try
            {
                ImageDecoder.DecodePlanarRgb(sample.Filepath, preprocessing.OutputWidth, preprocessing.OutputHeight, bytes, maxPixels, preprocessing.Resize);
            }
            catch (Exception e) when (ImageDecoder.IsImageProblem(e))
            {
                failures.Add((sample, e));
                continue;
            }
            preprocessing.Normalize(bytes, pixels.AsSpan(decoded.Count * per, per));
            decoded.Add(sample);
        }
        return new DecodedBatch(decoded, pixels, failures);
    }
}

using FiftyOneBrain.Imaging;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Models;

/// <summary>What to compute per sample.</summary>
[Flags]
public enum InferenceOutputs { Logits = 1, Embeddings = 2 }

/// <summary>One sample's network outputs (arrays are null when not asked for).</summary>
public readonly record struct SampleOutputs(Sample Sample, float[]? Logits, float[]? Embedding);

/// <summary>
/// Runs a model over samples batch by batch, decoding ahead on another thread. Results and failures are
/// handed back on the calling thread, in input order, so a cmdlet can write them to the pipeline directly.
/// </summary>
public static class ImageInference
{
    public static void Run(IImageModel model, IReadOnlyList<Sample> samples, int batchSize, InferenceOutputs outputs,
        Action<SampleOutputs> onResult, Action<Sample, Exception> onFailure, Action<int>? onProgress = null, CancellationToken cancel = default,
        long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        var wantLogits = outputs.HasFlag(InferenceOutputs.Logits);
        var wantEmbeddings = outputs.HasFlag(InferenceOutputs.Embeddings);
        var classes = model.Classes.Count;
        var dim = model.EmbeddingDimension;
        var done = 0;
        model.PrepareFor(batchSize);
        foreach (var batch in DecodedBatchStream.Read(samples, batchSize, model.Decoding, cancel, maxPixels))
        {
            foreach (var (sample, error) in batch.Failures) onFailure(sample, error);
            var result = model.Run(batch.Pixels, batch.Samples.Count, wantLogits, wantEmbeddings);
            for (var i = 0; i < batch.Samples.Count; i++)
            {
                onResult(new SampleOutputs(batch.Samples[i],
                    result.Logits?.AsSpan(i * classes, classes).ToArray(),
                    result.Embeddings?.AsSpan(i * dim, dim).ToArray()));
            }
            done += batch.Samples.Count + batch.Failures.Count;
            onProgress?.Invoke(done);
            cancel.ThrowIfCancellationRequested();
        }
    }
}

namespace FiftyOneBrain.Models;

/// <summary>
/// A network that turns decoded images into logits and/or an embedding: a .fomodel SimpleResNet or an ONNX model
/// (both on ONNX Runtime for inference; training runs SimpleResNet on TorchSharp). <see cref="ImageInference"/> decodes images with <see cref="Decoding"/> and calls <see cref="Run"/>.
/// </summary>
public interface IImageModel : IDisposable
{
    /// <summary>One line naming the model, for -Verbose and messages.</summary>
    string Summary { get; }

    /// <summary>Class names in logit order; empty for an embedder.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Floats per image in the embedding <see cref="Run"/> returns.</summary>
    int EmbeddingDimension { get; }

    /// <summary>How images are decoded and normalised (planar RGB, Size x Size) before <see cref="Run"/>.</summary>
    ImagePreprocessing Decoding { get; }

    /// <summary>Called once before a run of batches of <paramref name="batchSize"/> (e.g. to pick a thread count).</summary>
    void PrepareFor(int batchSize);

    /// <summary>Runs <paramref name="count"/> decoded images (count x <see cref="ImagePreprocessing.ValuesPerImage"/> floats).</summary>
    ModelOutputs Run(ReadOnlySpan<float> pixels, int count, bool logits, bool embeddings);
}

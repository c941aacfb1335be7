using FiftyOneBrain.Models;
using FiftyOneBrain.Models.Onnx;
using FiftyOneBrain.Samples;
using Xunit.Abstractions;

namespace FiftyOneBrain.Tests.Models;

/// <summary>
/// A .fomodel run through ONNX Runtime (weights read without libtorch, graph written by the module) gives the logits
/// and embeddings TorchSharp's ImageClassifier gives on the same real Fashion-MNIST images.
/// </summary>
public sealed class SimpleResNetOnnxTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;

    /// <summary>The classifier the module ships (trained weights, so batch norm has real running statistics).</summary>
    private static string ShippedModel()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FiftyOneBrain.psd1"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "src", "FiftyOneBrain", "Models", "default" + ModelFile.Extension);
    }

    public static TheoryData<string> Models() => new() { "shipped", "width 0.125, random weights" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Onnx_outputs_equal_TorchSharp_outputs_on_Fashion_MNIST(string which)
    {
        var dir = TestImages.NewDirectory();
        var path = which == "shipped" ? ShippedModel() : Path.Combine(dir, "random.fomodel");
        if (which != "shipped")
        {
            using var created = ImageClassifier.Create(new ModelHeader { Width = 0.125, Classes = TestImages.FashionClasses }, seed: 11);
            created.Save(path);
        }
        var samples = TestImages.FashionMnist(dir, 70, skip: 300, split: "test");
        using var torchModel = ImageClassifier.Load(path);
        using var onnxModel = SimpleResNetOnnxModel.Load(path);
        Assert.Equal(torchModel.Classes, onnxModel.Classes);
        Assert.Equal(torchModel.EmbeddingDimension, onnxModel.EmbeddingDimension);

        var torch = Outputs(torchModel, samples);
        var onnx = Outputs(onnxModel, samples);
        Assert.Equal(samples.Count, onnx.Count);
        var worstLogit = 0f;
        var worstEmbedding = 0f;
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.Same(torch[i].Sample, onnx[i].Sample);
            worstLogit = Math.Max(worstLogit, MaxDifference(torch[i].Logits!, onnx[i].Logits!));
            worstEmbedding = Math.Max(worstEmbedding, MaxDifference(torch[i].Embedding!, onnx[i].Embedding!));
        }
        output.WriteLine($"{which}: {samples.Count} images, max |logit difference| {worstLogit:E2}, max |embedding difference| {worstEmbedding:E2}");
        Assert.True(worstLogit <= Tolerance, $"max |logit difference| {worstLogit:E2}");
        Assert.True(worstEmbedding <= Tolerance, $"max |embedding difference| {worstEmbedding:E2}");
        // The outputs are not trivially equal: the images give different logits.
        Assert.NotEqual(onnx[0].Logits, onnx[1].Logits);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_header_are_InvalidData()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "m.fomodel");
        using (var model = ImageClassifier.Create(new ModelHeader { Width = 0.125, Classes = ["a", "b", "c"] }, seed: 1)) model.Save(path);
        var header = ModelFile.ReadHeader(path);
        var wrong = Path.Combine(dir, "wrong.fomodel");
        var weights = File.ReadAllBytes(path).AsSpan(WeightsOffset(path)).ToArray();
        ModelFile.Write(wrong, header with { Width = 0.25 }, s => s.Write(weights));
        var e = Assert.Throws<InvalidDataException>(() => SimpleResNetOnnxModel.Load(wrong));
        Assert.Contains("prep.conv.weight", e.Message);

        var truncated = Path.Combine(dir, "truncated.fomodel");
        ModelFile.Write(truncated, header, s => s.Write(weights.AsSpan(0, weights.Length / 2)));
        Assert.Throws<InvalidDataException>(() => SimpleResNetOnnxModel.Load(truncated));
    }

    [Fact]
    public void Damaged_weights_load_or_are_InvalidData()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "m.fomodel");
        using (var model = ImageClassifier.Create(new ModelHeader { Width = 0.125, Classes = ["a", "b"] }, seed: 2)) model.Save(path);
        var original = File.ReadAllBytes(path);
        var offset = WeightsOffset(path);
        var random = new Random(7);
        var rejected = 0;
        for (var trial = 0; trial < 150; trial++)
        {
            var bytes = (byte[])original.Clone();
            // Damage the structure (names, types, ranks, sizes live in the first bytes of each entry), not only values.
            for (var m = 0; m < 1 + random.Next(4); m++)
            {
                var at = offset + (random.Next(3) == 0 ? random.Next(bytes.Length - offset) : random.Next(Math.Min(400, bytes.Length - offset)));
                bytes[at] = (byte)random.Next(256);
            }
            var length = random.Next(5) == 0 ? offset + random.Next(bytes.Length - offset) : bytes.Length;
            var damaged = Path.Combine(dir, $"d{trial}.fomodel");
            File.WriteAllBytes(damaged, bytes[..length]);
            try { SimpleResNetOnnxModel.Load(damaged).Dispose(); }
            catch (InvalidDataException) { rejected++; }
        }
        Assert.True(rejected > 0, "no damaged file was rejected");
    }

    private static int WeightsOffset(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return 12 + BitConverter.ToInt32(bytes, 8);
    }

    private static List<SampleOutputs> Outputs(IImageModel model, List<Sample> samples)
    {
        var results = new List<SampleOutputs>();
        ImageInference.Run(model, samples, batchSize: 32, InferenceOutputs.Logits | InferenceOutputs.Embeddings, results.Add,
            (s, e) => Assert.Fail($"{s.Filepath}: {e.Message}"));
        return results;
    }

    private static float MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
    }
}

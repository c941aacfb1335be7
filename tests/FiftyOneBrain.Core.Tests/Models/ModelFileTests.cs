using System.Text;
using FiftyOneBrain.Models;

namespace FiftyOneBrain.Tests.Models;

public sealed class ModelFileTests
{
    private static readonly string[] Classes = ["cat", "dog", "frog"];

    [Fact]
    public void Saved_model_loads_with_the_same_header_and_outputs()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "m.fomodel");
        using var model = ImageClassifier.Create(new ModelHeader { Width = 0.125, Classes = Classes }, seed: 3);
        model.WithTraining(new TrainingRecord { Epochs = 2, Seed = 3, TrainingAccuracy = 0.5 });
        model.Save(path);
        Assert.False(Directory.EnumerateFiles(dir, "*.tmp").Any());

        using var loaded = ImageClassifier.Load(path);
        Assert.Equal(Classes, loaded.Classes);
        Assert.Equal(0.125, loaded.Header.Width);
        Assert.Equal(2, loaded.Header.Training!.Epochs);
        Assert.Equal(ImagePreprocessing.Default.Mean, loaded.Preprocessing.Mean);

        var input = Enumerable.Range(0, 2 * 3072).Select(i => MathF.Sin(i)).ToArray();
        var a = model.Run(input, 2, logits: true, embeddings: true);
        var b = loaded.Run(input, 2, logits: true, embeddings: true);
        Assert.Equal(a.Logits, b.Logits);
        Assert.Equal(a.Embeddings, b.Embeddings);
        Assert.Equal(2 * 3, a.Logits!.Length);
        Assert.Equal(2 * 64, a.Embeddings!.Length);
    }

    [Fact]
    public void Missing_file_is_FileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => ImageClassifier.Load(Path.Combine(TestImages.NewDirectory(), "none.fomodel")));

    [Fact]
    public void Random_bytes_are_not_a_model()
    {
        var path = Path.Combine(TestImages.NewDirectory(), "junk.fomodel");
        File.WriteAllBytes(path, Enumerable.Range(0, 500).Select(i => (byte)i).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ImageClassifier.Load(path));
        Assert.Contains("FOMODEL1", e.Message);
    }

    [Fact]
    public void Unknown_architecture_is_rejected_before_loading_weights()
    {
        var path = WriteHeaderOnly("""{"architecture":"ResNet50","width":1,"classes":["a","b"]}""");
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.ReadHeader(path));
        Assert.Contains("ResNet50", e.Message);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_header_are_rejected()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "m.fomodel");
        using (var model = ImageClassifier.Create(new ModelHeader { Width = 0.125, Classes = Classes }, seed: 1)) model.Save(path);
        // same weights, but a header claiming 4 classes: the classifier matrix has 3 rows
        var bytes = File.ReadAllBytes(path);
        var length = BitConverter.ToInt32(bytes, 8);
        var json = Encoding.UTF8.GetString(bytes, 12, length).Replace("\"frog\"]", "\"frog\",\"newt\"]");
        var patched = Path.Combine(dir, "patched.fomodel");
        var jsonBytes = Encoding.UTF8.GetBytes(json);
        File.WriteAllBytes(patched, [.. bytes[..8], .. BitConverter.GetBytes(jsonBytes.Length), .. jsonBytes, .. bytes[(12 + length)..]]);
        var e = Assert.Throws<InvalidDataException>(() => ImageClassifier.Load(patched));
        Assert.Contains("4 classes", e.Message);
    }

    [Fact]
    public void Truncated_weights_are_rejected()
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "m.fomodel");
        using (var model = ImageClassifier.Create(new ModelHeader { Width = 0.125, Classes = Classes }, seed: 1)) model.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => ImageClassifier.Load(path));
    }

    private static string WriteHeaderOnly(string json)
    {
        var path = Path.Combine(TestImages.NewDirectory(), "h.fomodel");
        var body = Encoding.UTF8.GetBytes(json);
        File.WriteAllBytes(path, [.. "FOMODEL1"u8.ToArray(), .. BitConverter.GetBytes(body.Length), .. body]);
        return path;
    }
}

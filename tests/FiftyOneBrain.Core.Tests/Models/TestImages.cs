using System.IO.Compression;
using FiftyOneBrain.Samples;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Models;

/// <summary>Real Fashion-MNIST images written as PNG files for model tests, plus small synthetic images.</summary>
internal static class TestImages
{
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";
    public static readonly string[] FashionClasses = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fob-model-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The first <paramref name="count"/> images (after <paramref name="skip"/>) of a split as PNG samples with ground_truth.</summary>
    public static List<Sample> FashionMnist(string directory, int count, int skip = 0, string split = "train")
    {
        var prefix = split == "train" ? "train" : "t10k";
        var images = ReadGz(Path.Combine(FashionMnistDirectory, $"{prefix}-images-idx3-ubyte.gz"), 16 + (skip + count) * 784);
        var labels = ReadGz(Path.Combine(FashionMnistDirectory, $"{prefix}-labels-idx1-ubyte.gz"), 8 + skip + count);
        var samples = new List<Sample>(count);
        for (var i = skip; i < skip + count; i++)
        {
            var path = Path.Combine(directory, $"{split}-{i:D5}.png");
            WriteGreyPng(path, images.AsSpan(16 + i * 784, 784), 28, 28);
            var sample = new Sample(path);
            sample.SetField("ground_truth", new Classification(FashionClasses[labels[8 + i]]));
            samples.Add(sample);
        }
        return samples;
    }

    public static void WriteGreyPng(string path, ReadOnlySpan<byte> pixels, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        pixels.CopyTo(bitmap.GetPixelSpan());
        Save(bitmap, path);
    }

    /// <summary>An RGBA (unpremultiplied) PNG from interleaved RGBA bytes.</summary>
    public static void WriteRgbaPng(string path, ReadOnlySpan<byte> rgba, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        rgba.CopyTo(bitmap.GetPixelSpan());
        Save(bitmap, path);
    }

    private static void Save(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static byte[] ReadGz(string path, int bytes)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var buffer = new byte[bytes];
        gz.ReadExactly(buffer);
        return buffer;
    }
}

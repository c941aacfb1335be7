using System.IO.Compression;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>A temporary directory removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fob-formats-" + Guid.NewGuid().ToString("N")[..12]);

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Real images for tests: scikit-image's sample photos and small images rendered with SkiaSharp.</summary>
public static class FormatTestFiles
{
    public const string PhotoDir = "/usr/lib/python3/dist-packages/skimage/data";

    public static string Photo(string name) => Path.Combine(PhotoDir, name);

    public static string CopyPhoto(string name, string targetPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
        File.Copy(Photo(name), targetPath, overwrite: true);
        return targetPath;
    }

    /// <summary>Copies the first <paramref name="keep"/> fraction of a photo, as an interrupted download would leave it.</summary>
    public static string TruncatedCopy(string name, string targetPath, double keep = 0.5)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
        var bytes = File.ReadAllBytes(Photo(name));
        File.WriteAllBytes(targetPath, bytes[..(int)(bytes.Length * keep)]);
        return targetPath;
    }

    /// <summary>A PNG of the given size filled with one colour.</summary>
    public static string RenderPng(string targetPath, int width, int height, SKColor color, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(color);
        using var data = bitmap.Encode(format, 90);
        File.WriteAllBytes(targetPath, data.ToArray());
        return targetPath;
    }

    /// <summary>An IDX file (unsigned bytes) with the given dimensions, gzipped as MNIST ships.</summary>
    public static void WriteIdx(string path, byte[] data, params int[] dims)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write([0, 0, 0x08, (byte)dims.Length]);
        foreach (var d in dims) gz.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        gz.Write(data);
    }

    /// <summary>Decodes an image file to grey bytes (for pixel comparisons).</summary>
    public static byte[] DecodeGrey(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        using var grey = new SKBitmap(bitmap.Width, bitmap.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        Assert.True(bitmap.CopyTo(grey, SKColorType.Gray8));
        return grey.Bytes;
    }
}

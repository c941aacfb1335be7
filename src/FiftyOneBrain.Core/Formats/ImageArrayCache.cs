using System.Diagnostics;
using SkiaSharp;

namespace FiftyOneBrain.Formats;

/// <summary>Images held in one array (IDX, CIFAR batches): same size, 1 (grey) or 3 (RGB) channels.</summary>
public interface IImageArray
{
    int Count { get; }
    int Width { get; }
    int Height { get; }
    int Channels { get; }

    /// <summary>Writes image <paramref name="index"/> as interleaved rows (HWC bytes) into <paramref name="destination"/>.</summary>
    void CopyPixels(int index, Span<byte> destination);
}

/// <summary>
/// Unpacks array datasets once to PNG files, as FiftyOne's zoo does, so every sample has a real file.
/// Each file is written under a temporary name and renamed; a marker naming the source is written last,
/// so a later run (in any process) that finds the marker reuses the folder without touching the source,
/// and an interrupted unpack is simply redone.
/// </summary>
public static class ImageArrayCache
{
    private const string MarkerName = ".unpacked";
    private const int ChunkSize = 2048;

    /// <summary>~/fiftyone-brain/&lt;dataset&gt;, the default place for unpacked datasets.</summary>
    public static string DefaultDirectory(string datasetName) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "fiftyone-brain", datasetName);

    /// <summary>
    /// ~/fiftyone-brain/&lt;dataset&gt; for the dataset's usual source, ~/fiftyone-brain/&lt;dataset&gt;-&lt;hash of the source
    /// folder&gt; for any other copy, so two sources never evict each other's unpacked files.
    /// </summary>
    public static string DefaultDirectory(string datasetName, string sourceDirectory, string? usualSource)
    {
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceDirectory));
        if (usualSource is not null && source == Path.TrimEndingDirectorySeparator(usualSource)) return DefaultDirectory(datasetName);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..8].ToLowerInvariant();
        return DefaultDirectory($"{datasetName}-{hash}");
    }

    public static string FileName(int index) => $"{index:D6}.png";

    /// <summary>True when <paramref name="directory"/> holds a complete unpack of the source named by <paramref name="sourceKey"/>.</summary>
    public static bool IsComplete(string directory, string sourceKey)
    {
        var marker = Path.Combine(directory, MarkerName);
        return File.Exists(marker) && File.ReadAllText(marker) == sourceKey;
    }

    /// <summary>
    /// Makes sure <paramref name="directory"/> holds one PNG per image; <paramref name="load"/> is called only
    /// when it does not. Returns true when it unpacked, false when the folder was reused.
    /// </summary>
    public static bool Ensure(string directory, string sourceKey, Func<IImageArray> load, DatasetProgress? progress = null)
    {
        if (IsComplete(directory, sourceKey)) return false;
        var images = load();
        Directory.CreateDirectory(directory);
        var activity = $"Unpacking {images.Count} images to {directory}";
        for (var start = 0; start < images.Count; start += ChunkSize)
        {
            progress?.Invoke(activity, start, images.Count);
            var end = Math.Min(images.Count, start + ChunkSize);
            Parallel.For(start, end,
                () => new byte[images.Width * images.Height * images.Channels],
                (i, _, pixels) => { WritePng(images, i, pixels, Path.Combine(directory, FileName(i))); return pixels; },
                _ => { });
        }
        progress?.Invoke(activity, images.Count, images.Count);
        WriteAtomically(Path.Combine(directory, MarkerName), System.Text.Encoding.UTF8.GetBytes(sourceKey));
        return true;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Cheap check that a cached file is still the PNG this cache wrote: PNG signature first, IEND chunk last.
    /// Catches deleted, truncated and overwritten files without decoding.
    /// </summary>
    public static bool IsIntactPng(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            if (stream.Length < 8 + 12) return false;
            Span<byte> head = stackalloc byte[8];
            stream.ReadExactly(head);
            if (!head.SequenceEqual(PngSignature)) return false;
            Span<byte> tail = stackalloc byte[12];
            stream.Seek(-12, SeekOrigin.End);
            stream.ReadExactly(tail);
            return tail[..4].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0]) && tail[4..8].SequenceEqual("IEND"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Unpacks image <paramref name="index"/> again (atomically) to <paramref name="path"/>.</summary>
    public static void Repair(IImageArray images, int index, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WritePng(images, index, new byte[images.Width * images.Height * images.Channels], path);
    }

    /// <summary>A key that changes when the source file changes (name, length, modification time).</summary>
    public static string SourceKey(params string[] sourceFiles) =>
        string.Join("\n", sourceFiles.Select(f =>
        {
            var info = new FileInfo(f);
            return $"{info.Name} {info.Length} {info.LastWriteTimeUtc.Ticks}";
        }));

    private static void WritePng(IImageArray images, int index, byte[] pixels, string path)
    {
        images.CopyPixels(index, pixels);
        using var data = Encode(images, pixels);
        WriteAtomically(path, data.AsSpan());
    }

    private static unsafe SKData Encode(IImageArray images, byte[] pixels)
    {
        if (images.Channels == 1)
        {
            fixed (byte* p = pixels)
            {
                using var pixmap = new SKPixmap(new SKImageInfo(images.Width, images.Height, SKColorType.Gray8, SKAlphaType.Opaque), (IntPtr)p, images.Width);
                return pixmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("PNG encoding failed.");
            }
        }
        Debug.Assert(images.Channels == 3);
        // Skia has no packed 24-bit colour type; widen RGB to opaque RGBA, which the PNG encoder stores as RGB.
        var rgba = new byte[images.Width * images.Height * 4];
        for (int s = 0, d = 0; s < pixels.Length; s += 3, d += 4)
        {
            rgba[d] = pixels[s]; rgba[d + 1] = pixels[s + 1]; rgba[d + 2] = pixels[s + 2]; rgba[d + 3] = 255;
        }
        fixed (byte* p = rgba)
        {
            using var pixmap = new SKPixmap(new SKImageInfo(images.Width, images.Height, SKColorType.Rgba8888, SKAlphaType.Opaque), (IntPtr)p, images.Width * 4);
            return pixmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("PNG encoding failed.");
        }
    }

    /// <summary>Temp name unique per process and thread, then rename: concurrent unpackers never see half a file.</summary>
    internal static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            stream.Write(bytes);
        File.Move(temp, path, overwrite: true);
    }
}

using FiftyOneBrain.Imaging;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// Cheap validation of an image file before it becomes a sample: the header must parse (SkiaSharp reads
/// it without decoding pixels) and the file must end the way its format ends, which catches truncated
/// downloads and copies that a header read alone would accept.
/// </summary>
public static class ImageCheck
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    public static bool HasImageExtension(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>Metadata of a sound image, or the problem that makes the sample unusable.</summary>
    public static ImageMetadata? Inspect(string path, out DatasetProblem? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = new DatasetProblem(DatasetProblemKind.MediaFileMissing, path, $"Image file not found: {path}");
            return null;
        }
        try
        {
            var metadata = ImageHeader.Read(path);
            if (!EndsCompletely(path, metadata.MimeType))
                throw new InvalidDataException($"Image data is truncated: {path}");
            return metadata;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problem = new DatasetProblem(DatasetProblemKind.ImageUnreadable, path, e.Message);
            return null;
        }
    }

    /// <summary>Checks the format's end marker (or declared length) against the bytes on disk.</summary>
    private static bool EndsCompletely(string path, string? mime)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var length = stream.Length;
        switch (mime)
        {
            case "image/png":
                return TailContains(stream, "IEND"u8);
            case "image/jpeg":
                return TailContains(stream, [0xFF, 0xD9]);
            case "image/gif":
                return TailContains(stream, [0x3B]);
            case "image/bmp":
                return DeclaredLength(stream, offset: 2, extra: 0) <= length;
            case "image/webp":
                return DeclaredLength(stream, offset: 4, extra: 8) <= length;
            default:
                return true;
        }
    }

    /// <summary>End markers may be followed by a few padding bytes, so look at the last 64.</summary>
    private static bool TailContains(Stream stream, ReadOnlySpan<byte> marker)
    {
        var tail = new byte[(int)Math.Min(64, stream.Length)];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        return tail.AsSpan().IndexOf(marker) >= 0;
    }

    private static long DeclaredLength(Stream stream, int offset, int extra)
    {
        Span<byte> b = stackalloc byte[4];
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(b);
        return BitConverter.ToUInt32(b) + (long)extra;
    }
}

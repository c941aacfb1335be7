using FiftyOneBrain.Imaging;
using FiftyOneBrain.Samples;
using SkiaSharp;

namespace FiftyOneBrain.Formats;

/// <summary>
/// Gathers what array formats (IDX, CIFAR-10) store: each sample's pixels at one fixed size and its class index.
/// Samples with another size, an unreadable image, or a label outside the class list are problems.
/// </summary>
public static class ImageArrayWriter
{
    public sealed record Entry(byte Label, byte[] Pixels);

    /// <param name="width">Required width, or null to take the first image's.</param>
    public static List<Entry> Collect(IEnumerable<Sample> samples, IReadOnlyList<string> classes, string labelField, int channels,
        ref int? width, ref int? height, List<DatasetProblem> problems)
    {
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (byte)x.i, StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (var sample in samples)
        {
            if (sample.GetField(labelField) is not Classification { Label: { } label } || !index.TryGetValue(label, out var classIndex))
            {
                problems.Add(new DatasetProblem(DatasetProblemKind.UnsupportedLabel, sample.Filepath,
                    $"{sample.Filepath}: field '{labelField}' must be a Classification with one of: {string.Join(", ", classes)}."));
                continue;
            }
            using var bitmap = File.Exists(sample.Filepath) && WithinPixelLimit(sample.Filepath) ? SKBitmap.Decode(sample.Filepath) : null;
            if (bitmap is null)
            {
                problems.Add(new DatasetProblem(File.Exists(sample.Filepath) ? DatasetProblemKind.ImageUnreadable : DatasetProblemKind.MediaFileMissing,
                    sample.Filepath, $"Cannot read image {sample.Filepath}."));
                continue;
            }
            width ??= bitmap.Width;
            height ??= bitmap.Height;
            if (bitmap.Width != width || bitmap.Height != height)
            {
                problems.Add(new DatasetProblem(DatasetProblemKind.UnsupportedImage, sample.Filepath,
                    $"{sample.Filepath} is {bitmap.Width}x{bitmap.Height}; this format holds {width}x{height} images only."));
                continue;
            }
            entries.Add(new Entry(classIndex, Pixels(bitmap, channels)));
        }
        return entries;
    }

    /// <summary>The decode guard: a header over the default pixel limit is not decoded (the file is then reported unreadable).</summary>
    private static bool WithinPixelLimit(string path) =>
        ImageHeader.TryRead(path) is { } header && (long)header.Width * header.Height <= ImageLimits.DefaultMaxPixels;

    /// <summary>Interleaved grey (1) or RGB (3) bytes, row by row.</summary>
    private static byte[] Pixels(SKBitmap bitmap, int channels)
    {
        using var converted = new SKBitmap(bitmap.Width, bitmap.Height, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (!bitmap.CopyTo(converted, converted.ColorType)) throw new InvalidDataException("Pixel conversion failed.");
        var bytes = converted.Bytes;
        if (channels == 1) return bytes;
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int s = 0, d = 0; d < rgb.Length; s += 4, d += 3)
        {
            rgb[d] = bytes[s]; rgb[d + 1] = bytes[s + 1]; rgb[d + 2] = bytes[s + 2];
        }
        return rgb;
    }
}

using System.Collections.Concurrent;
using FiftyOneBrain.Imaging;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Models;

/// <summary>
/// Training images decoded once into memory (planar RGB bytes, Size x Size) with their class indices.
/// Labels are checked before anything is decoded, so a bad label field stops the run before any work.
/// </summary>
public sealed class LabeledImageSet
{
    private LabeledImageSet(IReadOnlyList<Sample> samples, int[] labels, string[] classes, byte[] pixels, int size)
    {
        Samples = samples;
        Labels = labels;
        Classes = classes;
        Pixels = pixels;
        Size = size;
    }

    public IReadOnlyList<Sample> Samples { get; }
    public int[] Labels { get; }
    public string[] Classes { get; }
    public int Size { get; }
    public int Count => Samples.Count;
    public int BytesPerImage => 3 * Size * Size;
    internal byte[] Pixels { get; }

    internal ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * BytesPerImage, BytesPerImage);

    /// <summary>
    /// Each sample's class index in <paramref name="classes"/>; when no class list is given it is the sorted
    /// distinct labels. Labels are read from a Classification in <paramref name="labelField"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A sample has no label, a label is not in the class list, or fewer than 2 classes.</exception>
    public static (int[] Labels, string[] Classes) ReadLabels(IReadOnlyList<Sample> samples, string labelField, IReadOnlyList<string>? classes = null)
    {
        if (samples.Count == 0) throw new InvalidDataException("No samples to train on.");
        var names = new string?[samples.Count];
        var missing = new List<Sample>();
        for (var i = 0; i < samples.Count; i++)
        {
            names[i] = (samples[i].GetField(labelField) as Classification)?.Label;
            if (string.IsNullOrEmpty(names[i])) missing.Add(samples[i]);
        }
        if (missing.Count > 0)
            throw new InvalidDataException($"{missing.Count} of {samples.Count} samples have no Classification label in field '{labelField}' (first: {Describe(missing)}). Training needs every sample labelled.");

        var classList = classes?.ToArray() ?? names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()!;
        if (classList.Distinct(StringComparer.Ordinal).Count() != classList.Length)
            throw new InvalidDataException("The class list names a class twice.");
        var index = classList.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var unknown = names.Where(n => !index.ContainsKey(n!)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"Labels {string.Join(", ", unknown.Take(5).Select(u => $"'{u}'"))} in field '{labelField}' are not among the {classList.Length} classes ({string.Join(", ", classList)}).");
        if (classList.Length < 2)
            throw new InvalidDataException($"Field '{labelField}' holds only {classList.Length} class ({string.Join(", ", classList)}); a classifier needs at least 2.");
        return (names.Select(n => index[n!]).ToArray(), classList);
    }

    /// <summary>
    /// Decodes every sample (in parallel, deterministic order). Samples that fail to decode are reported
    /// through <paramref name="onFailure"/> (on the calling thread) and left out.
    /// </summary>
    public static LabeledImageSet Decode(IReadOnlyList<Sample> samples, int[] labels, string[] classes, ImagePreprocessing preprocessing,
        Action<Sample, Exception>? onFailure = null, Action<int>? onProgress = null, CancellationToken cancel = default,
        long maxPixels = ImageLimits.DefaultMaxPixels)
    {
        var size = preprocessing.Size;
        var per = 3 * size * size;
        var pixels = new byte[checked(samples.Count * per)];
        var failed = new ConcurrentDictionary<int, Exception>();
        var done = 0;
        var work = Task.Run(() => Parallel.For(0, samples.Count, new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = TorchRuntime.Threads }, i =>
        {
            try { ImageDecoder.DecodePlanarRgb(samples[i].Filepath, size, pixels.AsSpan(i * per, per), maxPixels, preprocessing.Resize); }
            catch (Exception e) when (ImageDecoder.IsImageProblem(e)) { failed[i] = e; }
            Interlocked.Increment(ref done);
        }), cancel);
        while (!work.Wait(250)) onProgress?.Invoke(Volatile.Read(ref done));
        work.GetAwaiter().GetResult();
        onProgress?.Invoke(samples.Count);
        if (failed.IsEmpty) return new LabeledImageSet(samples, labels, classes, pixels, size);

        foreach (var i in failed.Keys.Order()) onFailure?.Invoke(samples[i], failed[i]);
        var keep = Enumerable.Range(0, samples.Count).Where(i => !failed.ContainsKey(i)).ToArray();
        var compact = new byte[keep.Length * per];
        for (var k = 0; k < keep.Length; k++) pixels.AsSpan(keep[k] * per, per).CopyTo(compact.AsSpan(k * per, per));
        return new LabeledImageSet(keep.Select(i => samples[i]).ToArray(), keep.Select(i => labels[i]).ToArray(), classes, compact, size);
    }

    private static string Describe(List<Sample> samples) => string.Join(", ", samples.Take(3).Select(s => s.Filepath));
}

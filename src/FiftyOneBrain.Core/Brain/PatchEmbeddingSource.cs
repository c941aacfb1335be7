using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;
using SkiaSharp;

namespace FiftyOneBrain.Brain;

/// <summary>
/// Embeddings of objects (FiftyOne's uniqueness with roi_field): each detection's square patch
/// (<see cref="PatchBox"/>) is cut from the image and embedded by the inner source (a model), and a sample's
/// embedding is the mean of its patches' embeddings; a sample without objects is embedded whole. The patches are
/// written as PNG files to a temporary folder, read back by the model's own decoding, and deleted afterwards.
/// A sample whose image or every patch failed is left out of the rows, as with a whole-image model.
/// </summary>
public sealed class PatchEmbeddingSource(IEmbeddingSource images, string roiField, Action<Sample, Exception> onFailure) : IEmbeddingSource
{
    // A new list per Load, so rows handed out by an earlier Load stay as they were.
    private List<Sample> _rows = new();

    public string Description => $"patches of '{roiField}' by {images.Description}";

    /// <summary>How many patches the last <see cref="Load"/> embedded, and how many samples had no objects.</summary>
    public (int Patches, int WholeImages) Counts { get; private set; }

    public IReadOnlyList<Sample> RowsOf(IReadOnlyList<Sample> samples) => _rows;

    public FloatMatrix Load(IReadOnlyList<Sample> samples)
    {
        _rows = new List<Sample>();
        var folder = Path.Combine(Path.GetTempPath(), "fo-patches-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // Each unit to embed points back at its sample; whole images are the sample itself.
            var units = new List<Sample>();
            var owner = new Dictionary<Sample, int>(ReferenceEqualityComparer.Instance);
            var patches = 0;
            var whole = 0;
            for (var i = 0; i < samples.Count; i++)
            {
                var boxes = (samples[i].GetField(roiField) as Detections)?.Items.Select(d => d.BoundingBox).ToList();
                if (boxes is null || boxes.Count == 0)
                {
                    units.Add(samples[i]);
                    owner[samples[i]] = i;
                    whole++;
                    continue;
                }
                try
                {
                    foreach (var path in WritePatches(samples[i].Filepath, boxes, folder, units.Count))
                    {
                        var unit = new Sample(path);
                        units.Add(unit);
                        owner[unit] = i;
                        patches++;
                    }
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    onFailure(samples[i], e);
                }
            }
            Counts = (patches, whole);
            var embedded = images.Load(units);
            var embeddedUnits = images.RowsOf(units);
            return Average(samples, embedded, embeddedUnits, owner);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private FloatMatrix Average(IReadOnlyList<Sample> samples, FloatMatrix embedded, IReadOnlyList<Sample> units, Dictionary<Sample, int> owner)
    {
        var d = embedded.Columns;
        var sums = new double[samples.Count][];
        var counts = new int[samples.Count];
        for (var r = 0; r < units.Count; r++)
        {
            var i = owner[units[r]];
            sums[i] ??= new double[d];
            var row = embedded.Data.AsSpan(r * d, d);
            for (var t = 0; t < d; t++) sums[i][t] += row[t];
            counts[i]++;
        }
        var kept = Enumerable.Range(0, samples.Count).Where(i => counts[i] > 0).ToList();
        var data = new float[(long)kept.Count * d];
        for (var k = 0; k < kept.Count; k++)
        {
            var i = kept[k];
            for (var t = 0; t < d; t++) data[k * d + t] = (float)(sums[i][t] / counts[i]);
            _rows.Add(samples[i]);
        }
        return new FloatMatrix(data, kept.Count, d);
    }

    /// <summary>Decodes the image once and writes one PNG per non-empty patch.</summary>
    private static List<string> WritePatches(string image, IReadOnlyList<double[]> boxes, string folder, int first)
    {
        if (!File.Exists(image)) throw new FileNotFoundException($"Image not found: {image}", image);
        using var bitmap = SKBitmap.Decode(image) ?? throw new InvalidDataException($"Not a readable image: {image}");
        var paths = new List<string>();
        foreach (var box in boxes)
        {
            var (x, y, w, h) = PatchBox.Square(box, bitmap.Width, bitmap.Height);
            if (w == 0) continue;
            using var patch = new SKBitmap(w, h, bitmap.ColorType, bitmap.AlphaType);
            if (!bitmap.ExtractSubset(patch, new SKRectI(x, y, x + w, y + h))) continue;
            var path = Path.Combine(folder, $"{first + paths.Count}.png");
            using (var stream = File.Create(path))
                patch.Encode(stream, SKEncodedImageFormat.Png, 100);
            paths.Add(path);
        }
        if (paths.Count == 0) throw new InvalidDataException($"None of the {boxes.Count} object(s) of {image} lies inside the image.");
        return paths;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using CsCheck;
using FiftyOneBrain.Samples;
using FiftyOneBrain.Tests.Formats;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Properties;

/// <summary>
/// Tiny real PNG files, written once per test class, that generated samples point at. Every file has its
/// own size, so its content (hash) identifies the sample after an import that renames or reorders files.
/// The names carry spaces, quotes, non-ASCII, several dots, an upper-case extension, a leading dot, a backslash
/// (legal on Linux) and two files that share a name in different folders, which the exporters must keep apart.
/// </summary>
public sealed class MediaPool : IDisposable
{
    private static readonly string[] Names =
    [
        "plain.png", "with space.png", "çafé 猫 🐈.png", "it's \"quoted\".png", "a/same.png", "b/same.png",
        "dots.in.name.png", "UPPER.PNG", "same-1.png", "tab\tand;semi,colon.png", ".hidden.png", "back\\slash.png",
    ];

    private readonly TempDir _dir = new();

    public MediaPool()
    {
        Files = Names.Select((name, i) => FormatTestFiles.RenderPng(_dir[name], 1 + i, 2 + i % 3, new SKColor((byte)(25 * i), 128, 200))).ToArray();
    }

    public string[] Files { get; }

    /// <summary>The pool file with this (relative) name.</summary>
    public string File(string name) => Files[Array.IndexOf(Names, name)];

    /// <summary>A short content hash that identifies a media file.</summary>
    public static string ContentKey(string path) => Convert.ToHexString(SHA1.HashData(System.IO.File.ReadAllBytes(path)))[..16];

    public void Dispose() => _dir.Dispose();
}

/// <summary>CsCheck generators for samples and labels, parameterised by what a format can hold.</summary>
public static class RoundTripGen
{
    // Text is built from atoms rather than chars, so that astral characters stay whole surrogate pairs
    // (a lone surrogate is not text and no format can hold it).
    private static readonly string[] TextAtoms =
        ["a", "Z", "k", "0", "7", " ", "  ", "'", "\"", "\\", "/", "%", "%2F", ".", "-", "_", ":", ",", "#", "{", "[",
         "\t", "\n", "é", "ß", "Ø", "中", "猫", "ع", "я", "🐈", "👍🏽", "\u00a0", "\u200b", "\r", "\r\n", "\u0001", "\u001f", "\u007f", "\ufeff", "e\u0301", "\u2028", "\u0085", "\ufffd", "&", "<", "*", "!", "|", ">", "?", "~", "@", "`"];

    private static readonly string[] NameStartAtoms = ["a", "q", "Z", "é", "中", "я"];
    private static readonly string[] NameAtoms = ["a", "b", "Z", "0", "9", "_", " ", "é", "中", "я", "x"];

    /// <summary>Names a field or attribute may not take: built-in properties and the keys the formats use themselves.</summary>
    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "label", "confidence", "logits", "boundingbox", "bounding_box", "typename", "fieldnames", "tags", "attributes",
        "detections", "classifications", "items", "filepath", "metadata", "media_type", "created_at", "last_modified_at",
        "iscrowd", "area", "bbox", "score", "segmentation", "image_id", "category_id",
    };

    public static readonly Gen<string> Text = Gen.OneOf(TextAtoms).Array[1, 6].Select(string.Concat);

    /// <summary>Field and attribute names: FiftyOne fields are MongoDB keys, so no '.', no leading '$' or '_'.</summary>
    public static readonly Gen<string> FieldName =
        Gen.Select(Gen.OneOf(NameStartAtoms), Gen.OneOf(NameAtoms).Array[0, 5], (first, rest) => first + string.Concat(rest))
            .Where(n => !ReservedNames.Contains(n.Trim()) && n.Trim().Length > 0);

    public static readonly Gen<string> ObjectIdText = Gen.Byte.Array[12].Select(b => Convert.ToHexString(b).ToLowerInvariant());

    /// <summary>Mostly ordinary numbers, sometimes NaN, infinities, -0, epsilon, max.</summary>
    public static readonly Gen<double> AnyDouble = Gen.Frequency((4, Gen.Double[-1e6, 1e6]), (1, Gen.Double.Special), (1, Gen.Double));

    /// <summary>FiftyOne stores dates with millisecond precision, in UTC.</summary>
    public static readonly Gen<DateTime> UtcDate =
        Gen.Long[0, 4102444800000L].Select(ms => DateTime.UnixEpoch.AddMilliseconds(ms));

    /// <summary>
    /// Scalars, lists and dictionaries for custom fields and attributes, in the CLR types a reader gives back:
    /// JSON has one integer and one float type, so an int field comes back as long and a float as double. Lists are
    /// never empty: an empty JSON list reads back as object[], because its element type is only in metadata.json's
    /// schema, which readers do not consult.
    /// </summary>
    public static readonly Gen<object> Scalar = Gen.OneOf<object>(
        Gen.Bool.Select(b => (object)b),
        Gen.Long.Select(l => (object)l),
        AnyDouble.Select(d => (object)d),
        Text.Select(s => (object)s),
        UtcDate.Select(t => (object)t));

    public static readonly Gen<object> FieldValue = Gen.Frequency<object>(
        (5, Scalar),
        (1, Text.Array[1, 3].Select(a => (object)a)),
        (1, AnyDouble.Array[1, 4].Select(a => (object)a)),
        (1, Gen.Select(FieldName, Scalar).List[0, 3].Select(entries => (object)DistinctNames(entries).ToDictionary(e => e.Item1, e => (object?)e.Item2, StringComparer.Ordinal))));

    public static readonly Gen<List<(string Name, object Value)>> Attributes =
        Gen.Select(FieldName, FieldValue).List[0, 3].Select(DistinctNames);

    /// <summary>A box [x, y, w, h] in relative coordinates, up to 10% outside the image, with a positive size.</summary>
    public static readonly Gen<double[]> Box =
        Gen.Select(Gen.Double[-0.1, 1.0], Gen.Double[-0.1, 1.0], Gen.Double[1e-4, 0.6], Gen.Double[1e-4, 0.6], (x, y, w, h) => new[] { x, y, w, h });

    private static List<(string, object)> DistinctNames(List<(string Name, object Value)> fields) =>
        fields.DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(f => (f.Name, f.Value)).ToList();

    public static T WithAttributes<T>(T label, IEnumerable<(string Name, object Value)> attributes) where T : LabelObject
    {
        foreach (var (name, value) in attributes) label.SetField(name, value);
        return label;
    }

    /// <summary>
    /// What a format keeps of a label besides its class name. <c>Documents</c>: it stores FiftyOne's label documents
    /// whole (ids, label tags, attributes of a Detections list). <c>AnyBoxes</c>: boxes of any numbers (NaN, huge);
    /// otherwise boxes are near the image, because COCO and YOLO compute with them (pixels, centres) and a box
    /// like [3e5, 0, -2e31, 1] loses its x to cancellation, which is arithmetic, not a format defect.
    /// </summary>
    public sealed record LabelTraits(bool Confidence, bool Logits, bool Attributes, bool Documents, bool AnyBoxes)
    {
        public static readonly LabelTraits LabelOnly = new(false, false, false, false, false);
    }

    public static Gen<Classification> Classification(Gen<string> label, LabelTraits t) =>
        Gen.Select(label, Confidence(t), Logits(t), t.Attributes ? Attributes : Gen.Const(new List<(string, object)>()), LabelIdAndTags(t),
            (name, confidence, logits, attributes, idTags) =>
                WithAttributes(Tagged(new Classification(name, confidence, logits), idTags), attributes));

    public static Gen<Detection> Detection(Gen<string> label, LabelTraits t) =>
        Gen.Select(label, t.AnyBoxes ? AnyDouble.Array[4] : Box, Confidence(t), Logits(t), t.Attributes ? Attributes : Gen.Const(new List<(string, object)>()), LabelIdAndTags(t),
            (name, box, confidence, logits, attributes, idTags) =>
                WithAttributes(Tagged(new Detection(name, box, confidence) { Logits = logits }, idTags), attributes));

    public static Gen<Detections> Detections(Gen<string> label, LabelTraits t, int maxObjects = 4) =>
        Gen.Select(Detection(label, t).List[0, maxObjects], t.Documents ? Attributes : Gen.Const(new List<(string, object)>()), LabelIdAndTags(t),
            (items, attributes, idTags) => WithAttributes(Tagged(new Detections(items), idTags), attributes));

    public static Gen<Classifications> Classifications(Gen<string> label, LabelTraits t, bool listLogits) =>
        Gen.Select(Classification(label, t).List[0, 3], listLogits ? Logits(t) : Gen.Const(default(double[]?)), LabelIdAndTags(t),
            (items, logits, idTags) => Tagged(new Classifications(items) { Logits = logits }, idTags));

    /// <summary>Mostly probabilities; sometimes NaN, an infinity or any number, as a broken model gives them.</summary>
    private static readonly Gen<double> ConfidenceValue = Gen.Frequency((4, Gen.Double.Unit), (1, AnyDouble));

    private static Gen<double?> Confidence(LabelTraits t) =>
        t.Confidence ? ConfidenceValue.Nullable(0.3) : Gen.Const(default(double?));

    private static Gen<double[]?> Logits(LabelTraits t) =>
        t.Logits ? AnyDouble.Array[0, 5].Null(0.4) : Gen.Const(default(double[]?));

    private static Gen<(string? Id, string[]? Tags)> LabelIdAndTags(LabelTraits t) =>
        t.Documents ? Gen.Select(ObjectIdText.Null(0.2), Text.Array[1, 2].Null(0.6)) : Gen.Const(default((string?, string[]?)));

    /// <summary>A label's tags are a built-in FiftyOne field, stored (and read back) before its attributes.</summary>
    private static T Tagged<T>(T label, (string? Id, string[]? Tags) idTags) where T : LabelObject
    {
        if (idTags.Id is { } id) label.Id = id;
        if (idTags.Tags is { } tags) label.SetField("tags", tags);
        return label;
    }

    /// <summary>
    /// Up to <paramref name="maxSamples"/> samples on distinct pool images (formats key labels by the media file,
    /// so two samples of one file are one sample on disk), each built by <paramref name="build"/>.
    /// </summary>
    public static Gen<List<Sample>> Datasets(MediaPool pool, int maxSamples, Gen<Action<Sample>> build) =>
        Gen.Shuffle(pool.Files, 0, maxSamples).SelectMany(files => build.Array[files.Length].Select(builders =>
        {
            var samples = new List<Sample>();
            for (var i = 0; i < files.Length; i++)
            {
                var sample = new Sample(files[i]);
                builders[i](sample);
                samples.Add(sample);
            }
            return samples;
        }));

    public static string Print(List<Sample> samples) =>
        samples.Count == 0 ? "(no samples)" : string.Join("\n", samples.Select(s => Path.GetFileName(s.Filepath) + ": " + SampleComparison.Describe(s)));

    public static string Invariant(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// How an import is compared with what was exported: which parts the format keeps, and the absolute tolerance
/// on box coordinates (0 = exact). Everything else is compared exactly: strings ordinally, doubles bit for bit
/// (any NaN equals any NaN), field and attribute names in order, values with their types.
/// </summary>
public sealed record RoundTripComparison(bool KeepsOrder, bool SampleIds, bool LabelIds, double BoxTolerance)
{
    /// <summary>Turns a generated sample into what the format is expected to give back (default: itself).</summary>
    public Func<Sample, Sample> Expected { get; init; } = s => s;
}

public static class RoundTripAssert
{
    public static void Same(Sample expected, Sample actual, RoundTripComparison c)
    {
        var where = Path.GetFileName(expected.Filepath);
        Assert.Equal(MediaPool.ContentKey(expected.Filepath), MediaPool.ContentKey(actual.Filepath));
        Assert.Equal(expected.Metadata, actual.Metadata);
        if (c.SampleIds) Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Tags, actual.Tags);
        Fields(expected, actual, c, where);
    }

    private static void Fields(FieldBag expected, FieldBag actual, RoundTripComparison c, string where)
    {
        Assert.True(expected.FieldNames.SequenceEqual(actual.FieldNames),
            $"{where}: fields [{string.Join(", ", expected.FieldNames)}] came back as [{string.Join(", ", actual.FieldNames)}]");
        foreach (var name in expected.FieldNames)
            Value(expected.GetField(name), actual.GetField(name), c, $"{where}.{name}");
    }

    private static void Value(object? expected, object? actual, RoundTripComparison c, string where)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{where}: {Show(expected)} came back as {Show(actual)}");
            return;
        }
        Assert.True(expected.GetType() == actual.GetType(), $"{where}: a {expected.GetType().Name} came back as a {actual.GetType().Name} ({Show(actual)})");
        switch (expected)
        {
            case LabelObject label: Label(label, (LabelObject)actual, c, where); break;
            case double d: Number(d, (double)actual, 0, where); break;
            case double[] a: Numbers(a, (double[])actual, 0, where); break;
            case string[] a: Assert.True(a.SequenceEqual((string[])actual, StringComparer.Ordinal), $"{where}: {Show(a)} came back as {Show(actual)}"); break;
            case IDictionary<string, object?> dict:
                var other = (IDictionary<string, object?>)actual;
                Assert.True(dict.Keys.SequenceEqual(other.Keys), $"{where}: keys [{string.Join(", ", dict.Keys)}] came back as [{string.Join(", ", other.Keys)}]");
                foreach (var (key, item) in dict) Value(item, other[key], c, $"{where}.{key}");
                break;
            case DateTime t: Assert.True(t.Ticks == ((DateTime)actual).Ticks && t.Kind == ((DateTime)actual).Kind, $"{where}: {t:O} came back as {(DateTime)actual:O}"); break;
            default: Assert.True(expected.Equals(actual), $"{where}: {Show(expected)} came back as {Show(actual)}"); break;
        }
    }

    private static void Label(LabelObject expected, LabelObject actual, RoundTripComparison c, string where)
    {
        if (c.LabelIds) Assert.True(expected.Id == actual.Id, $"{where}: label id {expected.Id} came back as {actual.Id}");
        switch (expected)
        {
            case Classification e:
                var a = (Classification)actual;
                Text(e.Label, a.Label, where + ".label");
                Optional(e.Confidence, a.Confidence, where + ".confidence");
                Numbers(e.Logits, a.Logits, 0, where + ".logits");
                break;
            case Detection e:
                var d = (Detection)actual;
                Text(e.Label, d.Label, where + ".label");
                Numbers(e.BoundingBox, d.BoundingBox, c.BoxTolerance, where + ".bounding_box");
                Optional(e.Confidence, d.Confidence, where + ".confidence");
                Numbers(e.Logits, d.Logits, 0, where + ".logits");
                break;
            case Detections e:
                var ds = (Detections)actual;
                Assert.True(e.Items.Count == ds.Items.Count, $"{where}: {e.Items.Count} detections came back as {ds.Items.Count}");
                for (var i = 0; i < e.Items.Count; i++) Label(e.Items[i], ds.Items[i], c, $"{where}[{i}]");
                break;
            case Classifications e:
                var cs = (Classifications)actual;
                Assert.True(e.Items.Count == cs.Items.Count, $"{where}: {e.Items.Count} classifications came back as {cs.Items.Count}");
                for (var i = 0; i < e.Items.Count; i++) Label(e.Items[i], cs.Items[i], c, $"{where}[{i}]");
                Numbers(e.Logits, cs.Logits, 0, where + ".logits");
                break;
        }
        Fields(expected, actual, c, where);
    }

    private static void Text(string? expected, string? actual, string where) =>
        Assert.True(string.Equals(expected, actual, StringComparison.Ordinal), $"{where}: {Show(expected)} came back as {Show(actual)}");

    private static void Optional(double? expected, double? actual, string where)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{where}: {Show(expected)} came back as {Show(actual)}");
        if (expected is { } e) Number(e, actual!.Value, 0, where);
    }

    private static void Numbers(double[]? expected, double[]? actual, double tolerance, string where)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{where}: {Show(expected)} came back as {Show(actual)}");
            return;
        }
        Assert.True(expected.Length == actual.Length, $"{where}: {Show(expected)} came back as {Show(actual)}");
        for (var i = 0; i < expected.Length; i++) Number(expected[i], actual[i], tolerance, $"{where}[{i}]");
    }

    private static void Number(double expected, double actual, double tolerance, string where)
    {
        var same = tolerance == 0
            ? BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual))
            : Math.Abs(expected - actual) <= tolerance;
        Assert.True(same, $"{where}: {RoundTripGen.Invariant(expected)} came back as {RoundTripGen.Invariant(actual)}" + (tolerance == 0 ? "" : $" (tolerance {tolerance})"));
    }

    private static string Show(object? v) => v is null ? "null" : SampleComparison.Value(v);
}

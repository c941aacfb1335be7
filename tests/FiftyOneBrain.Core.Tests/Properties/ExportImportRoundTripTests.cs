using CsCheck;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;
using FiftyOneBrain.Tests.Formats;
using static FiftyOneBrain.Tests.Properties.RoundTripGen;

namespace FiftyOneBrain.Tests.Properties;

/// <summary>
/// Export then import is the identity, for every writable format, on generated samples that hold what the
/// format can express (DatasetExport.Write and IDatasetFormat.Read, the calls Export-/Import-FoDataset make).
/// What each format keeps and how exactly:
/// - FiftyOneDataset (media copied or referenced): everything (ids, tags, custom fields, label documents with
///   attributes), numbers bit for bit (shortest round-trip text; NaN and infinities as {"$numberDouble"}),
///   dates to the millisecond in UTC.
/// - FiftyOneImageClassificationDataset: the label field (Classification or Classifications) with confidence,
///   logits and attributes, exact; no ids, no tags, no Classifications-level logits (the format has no place
///   for them), and every classification has a class (a null target means "unlabeled").
/// - ImageClassificationDirectoryTree (with or without a split): the class name only.
/// - COCODetectionDataset (media copied or referenced): class names (never null: COCO names every category),
///   confidence (exact) and attributes; no logits; boxes go through pixels (x·width, then /width), so they come
///   back within 1e-14, not bit for bit. An empty Detections reads back as no label: COCO cannot tell an image
///   with no objects from an unlabeled one.
/// - YOLOv5Dataset: class names (never null) and confidence, exact (written with "R", not rounded to 6
///   decimals); boxes are stored as centres (x + w/2, then - w/2), so they come back within 1e-14. Every
///   sample is tagged with the one split the export writes.
/// </summary>
public sealed class ExportImportRoundTripTests(MediaPool pool) : IClassFixture<MediaPool>
{
    private const int Iterations = 100;
    private const int MaxSamples = 5;
    private const double BoxTolerance = 1e-14;

    private static readonly LabelTraits Everything = new(Confidence: true, Logits: true, Attributes: true, Documents: true, AnyBoxes: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FiftyOneDataset_gives_back_every_field_exactly(bool referenceMedia)
    {
        // A FiftyOne label document may have no class (null); the generators take non-null text, hence the '!'.
        Gen<string> label = Text.Null(0.1)!;
        var fieldValue = Gen.Frequency<object>(
            (3, FieldValue),
            (1, Classification(label, Everything).Select(c => (object)c)),
            (1, Classifications(label, Everything, listLogits: true).Select(c => (object)c)),
            (2, Detections(label, Everything).Select(d => (object)d)));
        var build = Gen.Select(ObjectIdText, Text.Array[0, 3], Gen.Select(FieldName, fieldValue).List[0, 4],
            (id, tags, fields) => (Action<Sample>)(s =>
            {
                s.Id = id;
                s.Tags.AddRange(tags);
                foreach (var (name, value) in fields) s.SetField(name, value);
            }));
        Check(new FiftyOneDatasetFormat(), Datasets(pool, MaxSamples, build), new RoundTripComparison(KeepsOrder: true, SampleIds: true, LabelIds: true, BoxTolerance: 0),
            new DatasetWriteOptions { ReferenceMedia = referenceMedia });
    }

    [Fact]
    public void FiftyOneImageClassificationDataset_gives_back_classifications_exactly()
    {
        var traits = new LabelTraits(Confidence: true, Logits: true, Attributes: true, Documents: false, AnyBoxes: false);
        var labelGen = Gen.OneOf<LabelObject?>(
            Gen.Const(default(LabelObject?)),
            Classification(Text, traits).Select(c => (LabelObject?)c),
            Classifications(Text, traits, listLogits: false).Select(c => (LabelObject?)c));
        Check(new FiftyOneImageClassificationDatasetFormat(), Datasets(pool, MaxSamples, GroundTruth(labelGen)),
            new RoundTripComparison(KeepsOrder: true, SampleIds: false, LabelIds: false, BoxTolerance: 0));
    }

    [Fact]
    public void ImageClassificationDirectoryTree_gives_back_class_names_in_their_split()
    {
        // ".", ".." and "_unlabeled" cannot be class folders; the writer reports them instead of writing them.
        var className = Text.Where(l => l is not ("." or ".." or ImageClassificationDirectoryTreeFormat.UnlabeledFolder));
        var labelGen = Classification(className, LabelTraits.LabelOnly).Select(c => (LabelObject)c).Null(0.2);
        var format = new ImageClassificationDirectoryTreeFormat();
        var comparison = new RoundTripComparison(KeepsOrder: false, SampleIds: false, LabelIds: false, BoxTolerance: 0);
        Gen.Select(Gen.OneOf(null, DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test), Datasets(pool, MaxSamples, GroundTruth(labelGen)))
            .Sample((split, samples) => RoundTrip(format, samples, new DatasetWriteOptions { Split = split }, new DatasetReadOptions { Split = split }, comparison),
                iter: Iterations, print: t => $"split {t.Item1 ?? "(none)"}\n{Print(t.Item2)}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void COCODetectionDataset_gives_back_detections(bool referenceMedia)
    {
        var traits = new LabelTraits(Confidence: true, Logits: false, Attributes: true, Documents: false, AnyBoxes: false);
        var labelGen = Detections(Text, traits).Select(d => (LabelObject)d).Null(0.2);
        Check(new CocoDetectionDatasetFormat(), Datasets(pool, MaxSamples, GroundTruth(labelGen)),
            new RoundTripComparison(KeepsOrder: true, SampleIds: false, LabelIds: false, BoxTolerance: BoxTolerance) { Expected = WithoutEmptyDetections },
            new DatasetWriteOptions { ReferenceMedia = referenceMedia });
    }

    [Fact]
    public void YOLOv5Dataset_gives_back_detections_in_their_split()
    {
        var traits = new LabelTraits(Confidence: true, Logits: false, Attributes: false, Documents: false, AnyBoxes: false);
        var labelGen = Detections(Text, traits).Select(d => (LabelObject)d).Null(0.2);
        var format = new YoloV5DatasetFormat();
        var comparison = new RoundTripComparison(KeepsOrder: false, SampleIds: false, LabelIds: false, BoxTolerance: BoxTolerance);
        Gen.Select(Gen.OneOf(DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test), Datasets(pool, MaxSamples, GroundTruth(labelGen)))
            .Sample((split, samples) =>
            {
                foreach (var s in samples) s.Tags.Add(split);
                RoundTrip(format, samples, new DatasetWriteOptions { Split = split }, DatasetReadOptions.Default, comparison);
            }, iter: Iterations, print: t => $"split {t.Item1}\n{Print(t.Item2)}");
    }

    // ---- counterexamples the properties found, kept as plain regression tests ----

    [Fact]
    public void ImageClassificationDirectoryTree_keeps_a_class_whose_name_starts_with_a_dot()
    {
        var sample = new Sample(pool.Files[0]);
        sample.SetField("ground_truth", new Classification(". "));

        using var dir = new TempDir();
        var back = ExportAndImport(new ImageClassificationDirectoryTreeFormat(), sample, DatasetWriteOptions.Default, dir);

        Assert.Equal(". ", back.GetField<Classification>("ground_truth")?.Label);
    }

    [Fact]
    public void YOLOv5Dataset_of_no_samples_imports_as_no_samples()
    {
        using var dir = new TempDir();
        var format = new YoloV5DatasetFormat();
        Assert.Empty(DatasetExport.Write(format, [], dir["export"], new DatasetWriteOptions { Split = "train" }, overwrite: false));

        var back = format.Read(dir["export"], DatasetReadOptions.Default).Samples(out var problems);

        Assert.Empty(problems);
        Assert.Empty(back);
    }

    [Theory]
    [InlineData("FiftyOneDataset")]
    [InlineData("FiftyOneImageClassificationDataset")]
    [InlineData("COCODetectionDataset")]
    public void A_media_file_with_a_backslash_in_its_name_is_found_again(string formatName)
    {
        var sample = new Sample(pool.File("back\\slash.png"));

        using var dir = new TempDir();
        var back = ExportAndImport(DatasetFormats.Get(formatName), sample, DatasetWriteOptions.Default, dir);

        Assert.Equal(MediaPool.ContentKey(sample.Filepath), MediaPool.ContentKey(back.Filepath));
    }

    [Fact]
    public void ImageClassificationDirectoryTree_keeps_an_image_whose_name_starts_with_a_dot()
    {
        var sample = new Sample(pool.File(".hidden.png"));
        sample.SetField("ground_truth", new Classification("cat"));

        using var dir = new TempDir();
        var back = ExportAndImport(new ImageClassificationDirectoryTreeFormat(), sample, DatasetWriteOptions.Default, dir);

        Assert.Equal(MediaPool.ContentKey(sample.Filepath), MediaPool.ContentKey(back.Filepath));
        Assert.Equal("cat", back.GetField<Classification>("ground_truth")?.Label);
    }

    [Fact]
    public void FiftyOneDataset_keeps_empty_detection_logits()
    {
        var sample = new Sample(pool.Files[0]);
        sample.SetField("predictions", new Detections([new Detection("cat", [0.1, 0.2, 0.3, 0.4]) { Logits = [] }]));

        using var dir = new TempDir();
        var back = ExportAndImport(new FiftyOneDatasetFormat(), sample, DatasetWriteOptions.Default, dir);

        Assert.Empty(Assert.IsType<double[]>(back.GetField<Detections>("predictions")!.Items.Single().Logits));
    }

    [Fact]
    public void FiftyOneImageClassificationDataset_keeps_empty_logits()
    {
        var sample = new Sample(pool.Files[0]);
        sample.SetField("ground_truth", new Classification("cat", logits: []));

        using var dir = new TempDir();
        var back = ExportAndImport(new FiftyOneImageClassificationDatasetFormat(), sample, DatasetWriteOptions.Default, dir);

        Assert.Empty(Assert.IsType<double[]>(back.GetField<Classification>("ground_truth")!.Logits));
    }

    [Fact]
    public void FiftyOneImageClassificationDataset_logits_that_are_not_numbers_are_one_malformed_label()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["data"]);
        File.Copy(pool.Files[0], dir["data/a.png"]);
        File.WriteAllText(dir["labels.json"], """{"classes": ["cat"], "labels": {"a": {"label": 0, "attributes": {"logits": "high"}}}}""");

        var back = new FiftyOneImageClassificationDatasetFormat().Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        Assert.Empty(back);
        Assert.Equal(DatasetProblemKind.MalformedLabels, Assert.Single(problems).Kind);
    }

    [Fact]
    public void FiftyOneImageClassificationDataset_keeps_an_infinite_confidence()
    {
        var sample = new Sample(pool.Files[0]);
        sample.SetField("ground_truth", new Classification("cat", confidence: double.PositiveInfinity));

        using var dir = new TempDir();
        var back = ExportAndImport(new FiftyOneImageClassificationDatasetFormat(), sample, DatasetWriteOptions.Default, dir);

        Assert.Equal(double.PositiveInfinity, back.GetField<Classification>("ground_truth")!.Confidence);
    }

    [Fact]
    public void COCODetectionDataset_keeps_a_NaN_score()
    {
        var sample = new Sample(pool.Files[0]);
        sample.SetField("ground_truth", new Detections([new Detection("cat", [0.1, 0.2, 0.3, 0.4], double.NaN)]));

        using var dir = new TempDir();
        var back = ExportAndImport(new CocoDetectionDatasetFormat(), sample, DatasetWriteOptions.Default, dir);

        Assert.Equal(double.NaN, back.GetField<Detections>("ground_truth")!.Items.Single().Confidence);
    }

    [Fact]
    public void ImageClassificationDirectoryTree_exported_with_a_split_imports_with_that_split()
    {
        var sample = new Sample(pool.Files[0]);
        sample.SetField("ground_truth", new Classification("cat"));

        using var dir = new TempDir();
        var format = new ImageClassificationDirectoryTreeFormat();
        Assert.Empty(DatasetExport.Write(format, [sample], dir["export"], new DatasetWriteOptions { Split = "train" }, overwrite: false));
        var back = format.Read(dir["export"], new DatasetReadOptions { Split = "train" }).SamplesOrThrow();

        Assert.Equal("cat", Assert.Single(back).GetField<Classification>("ground_truth")?.Label);
    }

    private static Gen<Action<Sample>> GroundTruth(Gen<LabelObject?> label) =>
        label.Select(l => (Action<Sample>)(s =>
        {
            if (l is not null) s.SetField("ground_truth", l);
        }));

    private static Sample WithoutEmptyDetections(Sample s)
    {
        if (s.GetField("ground_truth") is not Detections { Items.Count: 0 }) return s;
        var copy = s.Clone();
        copy.RemoveField("ground_truth");
        return copy;
    }

    private static void Check(IDatasetFormat format, Gen<List<Sample>> samples, RoundTripComparison comparison, DatasetWriteOptions? options = null) =>
        samples.Sample(s => RoundTrip(format, s, options ?? DatasetWriteOptions.Default, DatasetReadOptions.Default, comparison), iter: Iterations, print: Print);

    /// <summary>Exports one sample and imports it; there must be no problem on either side.</summary>
    private static Sample ExportAndImport(IDatasetFormat format, Sample sample, DatasetWriteOptions options, TempDir dir)
    {
        Assert.Empty(DatasetExport.Write(format, [sample], dir["export"], options, overwrite: false));
        return Assert.Single(format.Read(dir["export"], DatasetReadOptions.Default).SamplesOrThrow());
    }

    /// <summary>
    /// Exports, imports, and compares sample by sample (matched by media content where the format reorders);
    /// the media must be the export's copy, or with ReferenceMedia the original file.
    /// </summary>
    private static void RoundTrip(IDatasetFormat format, List<Sample> samples, DatasetWriteOptions options, DatasetReadOptions readOptions, RoundTripComparison c)
    {
        using var dir = new TempDir();
        var target = dir["export"];
        var written = DatasetExport.Write(format, samples, target, options, overwrite: false);
        Assert.True(written.Count == 0, "export problems: " + string.Join("; ", written));
        var back = format.Read(target, readOptions).Samples(out var problems);
        Assert.True(problems.Count == 0, "import problems: " + string.Join("; ", problems));
        Assert.True(samples.Count == back.Count, $"{samples.Count} samples exported, {back.Count} imported");
        var byContent = back.ToDictionary(s => MediaPool.ContentKey(s.Filepath));
        for (var i = 0; i < samples.Count; i++)
        {
            var actual = c.KeepsOrder ? back[i] : byContent[MediaPool.ContentKey(samples[i].Filepath)];
            if (options.ReferenceMedia) Assert.Equal(Path.GetFullPath(samples[i].Filepath), actual.Filepath);
            else Assert.StartsWith(target + Path.DirectorySeparatorChar, actual.Filepath);
            RoundTripAssert.Same(c.Expected(samples[i]), actual, c);
        }
    }
}

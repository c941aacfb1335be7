using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

/// <summary>An export replaces a dataset only with a complete one, and never loses media it did not receive.</summary>
public sealed class DatasetExportSafetyTests
{
    private static readonly FiftyOneDatasetFormat Format = new();
    private static readonly string[] Photos = ["camera.png", "coins.png", "chelsea.png"];

    /// <summary>A FiftyOneDataset of three photos at <paramref name="path"/>.</summary>
    private static void WriteDataset(TempDir dir, string path)
    {
        var samples = Photos.Select(p => new Sample(FormatTestFiles.CopyPhoto(p, dir[$"src/{p}"]))).ToList();
        Assert.Empty(DatasetExport.Write(Format, samples, path, DatasetWriteOptions.Default, overwrite: false));
    }

    private static string[] FilesUnder(string path) =>
        Directory.GetFiles(path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(path, f)).Order(StringComparer.Ordinal).ToArray();

    private static void AssertNoTemporaryFolders(TempDir dir) =>
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*"));

    [Fact]
    public void Replacing_a_dataset_with_an_empty_one_is_refused_and_nothing_changes()
    {
        using var dir = new TempDir();
        WriteDataset(dir, dir["ds"]);
        var before = FilesUnder(dir["ds"]);

        var e = Assert.ThrowsAny<IOException>(() => DatasetExport.Write(Format, [], dir["ds"], DatasetWriteOptions.Default, overwrite: true));

        Assert.Contains(dir["ds"], e.Message);
        Assert.Equal(before, FilesUnder(dir["ds"]));
        AssertNoTemporaryFolders(dir);
    }

    [Fact]
    public void Replacing_with_samples_that_all_fail_to_write_is_refused()
    {
        using var dir = new TempDir();
        WriteDataset(dir, dir["ds"]);
        var before = FilesUnder(dir["ds"]);
        var missing = new Sample(dir["src/gone.png"]);

        Assert.ThrowsAny<IOException>(() => DatasetExport.Write(Format, [missing], dir["ds"], DatasetWriteOptions.Default, overwrite: true));

        Assert.Equal(before, FilesUnder(dir["ds"]));
        AssertNoTemporaryFolders(dir);
    }

    [Fact]
    public void In_place_reexport_of_part_of_a_dataset_is_refused_because_it_would_delete_media()
    {
        using var dir = new TempDir();
        WriteDataset(dir, dir["ds"]);
        var samples = Format.Read(dir["ds"], DatasetReadOptions.Default).SamplesOrThrow();
        var before = FilesUnder(dir["ds"]);

        var e = Assert.ThrowsAny<IOException>(() => DatasetExport.Write(Format, samples.Take(2), dir["ds"], DatasetWriteOptions.Default, overwrite: true));

        Assert.Contains("data/chelsea.png", e.Message.Replace('\\', '/'));
        Assert.Equal(before, FilesUnder(dir["ds"]));
        AssertNoTemporaryFolders(dir);
    }

    [Fact]
    public void In_place_reexport_of_every_sample_keeps_all_media()
    {
        using var dir = new TempDir();
        WriteDataset(dir, dir["ds"]);
        var samples = Format.Read(dir["ds"], DatasetReadOptions.Default).SamplesOrThrow();
        foreach (var s in samples) s.SetField("checked", true);

        Assert.Empty(DatasetExport.Write(Format, samples, dir["ds"], DatasetWriteOptions.Default, overwrite: true));

        var back = Format.Read(dir["ds"], DatasetReadOptions.Default).SamplesOrThrow();
        Assert.Equal(3, back.Count);
        Assert.All(back, s => Assert.Equal(true, s.GetField("checked")));
        Assert.Equal(3, Directory.GetFiles(dir["ds/data"]).Length);
        AssertNoTemporaryFolders(dir);
    }

    [Fact]
    public void Replacing_with_the_same_media_from_another_folder_needs_only_overwrite()
    {
        using var dir = new TempDir();
        WriteDataset(dir, dir["a"]);
        WriteDataset(dir, dir["b"]);
        var samples = Format.Read(dir["a"], DatasetReadOptions.Default).SamplesOrThrow();

        Assert.Empty(DatasetExport.Write(Format, samples, dir["b"], DatasetWriteOptions.Default, overwrite: true));

        Assert.Equal(3, Format.Read(dir["b"], DatasetReadOptions.Default).SamplesOrThrow().Count);
        AssertNoTemporaryFolders(dir);
    }

    [Fact]
    public void Allow_partial_replaces_with_what_could_be_written()
    {
        using var dir = new TempDir();
        WriteDataset(dir, dir["ds"]);
        var samples = Format.Read(dir["ds"], DatasetReadOptions.Default).SamplesOrThrow();

        Assert.Empty(DatasetExport.Write(Format, samples.Take(1), dir["ds"], DatasetWriteOptions.Default, overwrite: true, allowPartial: true));

        Assert.Single(Format.Read(dir["ds"], DatasetReadOptions.Default).SamplesOrThrow());
        AssertNoTemporaryFolders(dir);
    }

    [Fact]
    public void Reference_media_inside_the_replaced_folder_is_refused()
    {
        using var dir = new TempDir();
        WriteDataset(dir, dir["ds"]);
        var samples = Format.Read(dir["ds"], DatasetReadOptions.Default).SamplesOrThrow();

        Assert.ThrowsAny<IOException>(() => DatasetExport.Write(Format, samples, dir["ds"], new DatasetWriteOptions { ReferenceMedia = true }, overwrite: true));

        Assert.Equal(3, Directory.GetFiles(dir["ds/data"]).Length);
    }

    [Theory]
    [InlineData("samples.json", "FiftyOneDataset", "{\"samples\": [{\"filepath\": \"data/a.png\"")]
    [InlineData("labels.json", "FiftyOneImageClassificationDataset", "{\"classes\": [\"a\"], \"labels\": {")]
    [InlineData("labels.json", "COCODetectionDataset", "{\"images\": [")]
    [InlineData("samples.json", "FiftyOneDataset", "{\"no_samples\": []}")]
    [InlineData("labels.json", "COCODetectionDataset", "{\"annotations\": []}")]
    [InlineData("data.yaml", "YOLOv5Dataset", "names: [a, b\nval: [")]
    [InlineData("data.yaml", "YOLOv5Dataset", "just some text")]
    public void A_labels_file_that_cannot_be_parsed_stops_the_read_naming_the_file(string file, string format, string text)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir[file], text);

        var e = Assert.ThrowsAny<MalformedDatasetFileException>(() => DatasetFormats.Get(format).Read(dir.Path, DatasetReadOptions.Default).ToList());

        Assert.Contains(dir[file], e.Message);
    }
}

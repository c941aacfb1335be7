using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Formats;

public sealed class ImageClassificationDirectoryTreeFormatTests
{
    private static readonly ImageClassificationDirectoryTreeFormat Format = new();

    [Fact]
    public void Corrupt_png_is_one_problem_and_good_images_import_with_folder_labels_and_sizes()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("astronaut.png", dir["person/astronaut.png"]);
        FormatTestFiles.CopyPhoto("camera.png", dir["person/camera.png"]);
        FormatTestFiles.CopyPhoto("chelsea.png", dir["cat/chelsea.png"]);
        FormatTestFiles.CopyPhoto("hubble_deep_field.jpg", dir["space/hubble.jpg"]);
        var corrupt = FormatTestFiles.TruncatedCopy("coffee.png", dir["cup/coffee.png"]);
        File.WriteAllText(dir["cup/notes.txt"], "not an image, not a sample");

        var samples = Format.Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);

        var problem = Assert.Single(problems);
        Assert.Equal((DatasetProblemKind.ImageUnreadable, corrupt), (problem.Kind, problem.Path));
        Assert.Equal(
            ["cat/chelsea.png cat 451x300", "person/astronaut.png person 512x512", "person/camera.png person 512x512", "space/hubble.jpg space 1000x872"],
            samples.Select(s => $"{Path.GetRelativePath(dir.Path, s.Filepath)} {s.GetField<Classification>("ground_truth")!.Label} {s.Metadata!.Width}x{s.Metadata.Height}"));
    }

    [Theory]
    [InlineData("coffee.png", 0.9)]
    [InlineData("hubble_deep_field.jpg", 0.7)]
    public void Truncated_images_are_unreadable_even_when_the_header_parses(string photo, double keep)
    {
        using var dir = new TempDir();
        var path = FormatTestFiles.TruncatedCopy(photo, dir["x/" + photo], keep);
        Assert.NotNull(FiftyOneBrain.Imaging.ImageHeader.TryRead(path));
        Assert.Null(ImageCheck.Inspect(path, out var problem));
        Assert.Equal(DatasetProblemKind.ImageUnreadable, problem!.Kind);
    }

    [Fact]
    public void Nested_and_unlabeled_folders_and_splits()
    {
        using var dir = new TempDir();
        FormatTestFiles.RenderPng(dir["train/T-shirt/top/a.png"], 3, 2, SKColors.Red);
        FormatTestFiles.RenderPng(dir["train/loose.png"], 3, 2, SKColors.Red);
        FormatTestFiles.RenderPng(dir["train/.hidden/c.png"], 3, 2, SKColors.Red);
        FormatTestFiles.RenderPng(dir["train/_unlabeled/b.png"], 3, 2, SKColors.Blue);
        FormatTestFiles.RenderPng(dir["test/Bag/c.png"], 3, 2, SKColors.Green);

        var train = Format.Read(dir.Path, new DatasetReadOptions { Split = "train", LabelField = "gt" }).SamplesOrThrow();

        // As in FiftyOne, the first folder is the class; images deeper down belong to it.
        Assert.Equal(["T-shirt", null], train.Select(s => s.GetField<Classification>("gt")?.Label));
        Assert.Equal("Bag", Assert.Single(Format.Read(dir.Path, new DatasetReadOptions { Split = "test" }).SamplesOrThrow()).GetField<Classification>("ground_truth")!.Label);
        Assert.Throws<DirectoryNotFoundException>(() => Format.Read(dir.Path, new DatasetReadOptions { Split = "validation" }));
    }
}

public sealed class ImageClassificationDirectoryTreeRoundTripTests
{
    [Fact]
    public void Round_trip_keeps_labels_including_slashes_and_unlabeled_images()
    {
        using var dir = new TempDir();
        var format = new ImageClassificationDirectoryTreeFormat();
        var samples = new[] { ("chelsea.png", "cat"), ("camera.png", "T-shirt/top"), ("coffee.png", "100%"), ("astronaut.png", null) }
            .Select(x =>
            {
                var s = new Sample(FormatTestFiles.CopyPhoto(x.Item1, dir["src/" + x.Item1]));
                if (x.Item2 is not null) s.SetField("ground_truth", new Classification(x.Item2));
                return s;
            }).ToList();
        Assert.Empty(format.Write(samples, dir["tree"], DatasetWriteOptions.Default));

        var back = format.Read(dir["tree"], DatasetReadOptions.Default).SamplesOrThrow();

        string Describe(Sample s) => $"{Path.GetFileName(s.Filepath)}:{s.GetField<Classification>("ground_truth")?.Label}:{s.Metadata!.Width}";
        Assert.Equal(samples.Select(Describe).Order(), back.Select(Describe).Order());
        Assert.True(File.Exists(dir["tree/T-shirt%2Ftop/camera.png"]));
    }
}

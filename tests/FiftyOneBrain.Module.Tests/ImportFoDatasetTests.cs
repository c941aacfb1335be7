using System.IO.Compression;
using System.Management.Automation;

namespace FiftyOneBrain.ModuleTests;

public sealed class ImportFoDatasetTests(ModuleSession session) : IClassFixture<ModuleSession>, IDisposable
{
    private const string Photos = "/usr/lib/python3/dist-packages/skimage/data";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fob-import-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string Copy(string photo, string relative)
    {
        var target = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(Photos, photo), target);
        return target;
    }

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public void Directory_tree_with_one_corrupt_png_imports_the_good_images_with_exactly_one_error()
    {
        Copy("astronaut.png", "person/astronaut.png");
        Copy("chelsea.png", "cat/chelsea.png");
        Copy("coffee.png", "cup/coffee.png");
        var corrupt = Path.Combine(_dir, "cup/broken.png");
        var bytes = File.ReadAllBytes(Path.Combine(Photos, "camera.png"));
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 3)]);

        var result = session.Run("""
            Import-FoDataset $dir -Format ImageClassificationDirectoryTree |
                ForEach-Object { '{0}|{1}|{2}x{3}' -f [IO.Path]::GetFileName($_.Filepath), $_.ground_truth.Label, $_.Metadata.Width, $_.Metadata.Height }
            """, Vars(("dir", _dir)));

        Assert.Equal(["chelsea.png|cat|451x300", "coffee.png|cup|600x400", "astronaut.png|person|512x512"], result.Output.Select(o => (string)o.BaseObject));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ImageUnreadable,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(corrupt, error.TargetObject);
    }

    [Fact]
    public void Fashion_mnist_test_split_imports_10000_samples_1000_per_class()
    {
        var output = session.RunClean("""
            $samples = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -Destination $cache
            $samples.Count
            $counts = @{}
            $samples | ForEach-Object { $counts[$_.ground_truth.Label] += 1 }
            $counts.Count
            ($counts.Values | Where-Object { $_ -ne 1000 }).Count
            $counts['Ankle boot']
            $samples[0].Tags -join ','
            """, Vars(("cache", Path.Combine(Path.GetTempPath(), $"fob-tests-fashion-mnist-{Environment.UserName}"))));
        Assert.Equal(new object[] { 10000, 10, 0, 1000, "test" }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Label_index_out_of_range_is_one_error_naming_the_labels_file()
    {
        Directory.CreateDirectory(_dir);
        WriteIdx(Path.Combine(_dir, "t10k-images-idx3-ubyte.gz"), new byte[3 * 2 * 2], 3, 2, 2);
        var labels = Path.Combine(_dir, "t10k-labels-idx1-ubyte.gz");
        WriteIdx(labels, [7, 10, 3], 3);

        var result = session.Run("Import-FoDataset $dir -Format MNIST -Split test -Destination $cache -LabelField digit | ForEach-Object { $_.digit.Label }",
            Vars(("dir", _dir), ("cache", Path.Combine(_dir, "cache"))));

        Assert.Equal(["7 - seven", "3 - three"], result.Output.Select(o => (string)o.BaseObject));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("LabelIndexOutOfRange,", error.FullyQualifiedErrorId);
        Assert.Equal(labels, error.TargetObject);
    }

    [Fact]
    public void Malformed_json_is_one_terminating_parser_error_naming_the_file()
    {
        Directory.CreateDirectory(_dir);
        var labels = Path.Combine(_dir, "labels.json");
        File.WriteAllText(labels, "{\"classes\": [\"a\"], \"labels\": {\"x\": 0,");
        var result = session.Run("try { Import-FoDataset $dir -Format FiftyOneImageClassificationDataset; 'not reached' } catch { $_ }", Vars(("dir", _dir)));
        var error = Assert.IsType<ErrorRecord>(result.Single().BaseObject);
        Assert.Equal(("MalformedLabelsFile,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand", ErrorCategory.ParserError, (object)labels),
            (error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
    }

    [Fact]
    public void Path_escaping_the_dataset_root_is_one_security_error_and_the_rest_imports()
    {
        Copy("camera.png", "data/camera.png");
        Copy("chelsea.png", "chelsea.png");
        File.WriteAllText(Path.Combine(_dir, "labels.json"), """
            {"categories": [{"id": 1, "name": "x"}],
             "images": [{"id": 1, "file_name": "camera.png", "width": 512, "height": 512}, {"id": 2, "file_name": "../chelsea.png"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 256, 128]}]}
            """);
        var result = session.Run("Import-FoDataset $dir -Format COCODetectionDataset | ForEach-Object { $_.ground_truth.Detections[0].BoundingBox -join ',' }", Vars(("dir", _dir)));
        Assert.Equal("0,0,0.5,0.25", result.Single().BaseObject);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("PathOutsideDatasetRoot,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand", ErrorCategory.SecurityError, (object)Path.Combine(_dir, "chelsea.png")),
            (error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
    }

    [Fact]
    public void MaxSamples_and_LabelField_shape_the_stream()
    {
        Copy("astronaut.png", "a/1.png");
        Copy("camera.png", "a/2.png");
        Copy("chelsea.png", "b/3.png");
        var output = session.RunClean("Import-FoDataset -Path $dir -Format imageclassificationdirectorytree -MaxSamples 2 -LabelField truth | ForEach-Object { $_.truth.Label }",
            Vars(("dir", _dir)));
        Assert.Equal(new object[] { "a", "a" }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Unknown_format_is_one_terminating_error()
    {
        Directory.CreateDirectory(_dir);
        var result = session.Run("""
            try { Import-FoDataset $dir -Format PascalVOC; 'not reached' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
            """, Vars(("dir", _dir)));
        Assert.Equal("UnknownDatasetFormat,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand", result.Output[0].BaseObject);
        Assert.Contains("Known formats: ImageClassificationDirectoryTree", (string)result.Output[1].BaseObject);
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void Missing_directory_is_one_terminating_error()
    {
        var missing = Path.Combine(_dir, "nope");
        var result = session.Run("""
            try { Import-FoDataset $missing -Format ImageClassificationDirectoryTree; 'not reached' } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category.ToString(); $_.TargetObject }
            """, Vars(("missing", missing)));
        Assert.Equal(new object[] { "DatasetDirectoryNotFound,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand", "ObjectNotFound", missing },
            result.Output.Select(o => o.BaseObject).ToArray());
    }

    private static void WriteIdx(string path, byte[] data, params int[] dims)
    {
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write([0, 0, 0x08, (byte)dims.Length]);
        foreach (var d in dims) gz.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        gz.Write(data);
    }
}

namespace FiftyOneBrain.ModuleTests;

public sealed class ExportFoDatasetTests(ModuleSession session) : IClassFixture<ModuleSession>, IDisposable
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), $"fob-tests-fashion-mnist-{Environment.UserName}");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fob-export-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private Dictionary<string, object?> Vars => new() { ["dir"] = _dir, ["cache"] = Cache };

    [Theory]
    [InlineData("FiftyOneDataset")]
    [InlineData("FiftyOneImageClassificationDataset")]
    [InlineData("ImageClassificationDirectoryTree")]
    [InlineData("FashionMNIST")]
    public void Pipeline_round_trip_keeps_labels(string format)
    {
        var output = session.RunClean($$"""
            $src = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 30 -Destination $cache
            $null = $src | Export-FoDataset "$dir/out" -Format {{format}}
            $back = Import-FoDataset "$dir/out" -Format {{format}} -Destination "$dir/cache"
            $back.Count
            (($src | ForEach-Object { $_.ground_truth.Label }) | Where-Object { $_ } ) -join '|'
            (($back | ForEach-Object { $_.ground_truth.Label }) | Where-Object { $_ } ) -join '|'
            """, Vars);
        Assert.Equal(30, output[0].BaseObject);
        if (format == "ImageClassificationDirectoryTree")
            Assert.Equal(((string)output[1].BaseObject).Split('|').Order(), ((string)output[2].BaseObject).Split('|').Order());
        else
            Assert.Equal(output[1].BaseObject, output[2].BaseObject);
    }

    [Fact]
    public void FiftyOneDataset_round_trip_keeps_scores_tags_ids_and_label_attributes()
    {
        var output = session.RunClean("""
            $src = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 5 -Destination $cache
            $i = 0
            $src | ForEach-Object {
                $_.PSObject.BaseObject.SetField('uniqueness', 0.25 * $i); $i++
                $_.Tags.Add('reviewed')
                $_.PSObject.BaseObject.SetField('predictions', (New-FoClassification -Label Bag -Confidence 0.5 -Logits 1, 2, 3).PSObject.BaseObject)
                $_.predictions.PSObject.BaseObject.SetField('mistakenness', 0.75)
            }
            $dirInfo = $src | Export-FoDataset "$dir/fo" -Format FiftyOneDataset
            $back = Import-FoDataset $dirInfo.FullName -Format FiftyOneDataset
            ($back | ForEach-Object { $_.uniqueness }) -join ','
            ($back | ForEach-Object { $_.Tags -join '+' }) -join ','
            (($src | ForEach-Object Id) -join ',') -eq (($back | ForEach-Object Id) -join ',')
            $back[4].predictions.mistakenness
            $back[4].predictions.Logits -join ','
            $back[4].predictions.Id -eq $src[4].predictions.Id
            """, Vars);
        Assert.Equal(new object[] { "0,0.25,0.5,0.75,1", string.Join(",", Enumerable.Repeat("test+reviewed", 5)), true, 0.75, "1,2,3", true },
            output.Select(o => o.BaseObject).ToArray());
    }

    [Theory]
    [InlineData("COCODetectionDataset")]
    [InlineData("YOLOv5Dataset")]
    public void Detection_formats_round_trip_boxes(string format)
    {
        Directory.CreateDirectory(_dir);
        File.Copy("/usr/lib/python3/dist-packages/skimage/data/coffee.png", Path.Combine(_dir, "coffee.png"));
        File.Copy("/usr/lib/python3/dist-packages/skimage/data/chelsea.png", Path.Combine(_dir, "chelsea.png"));
        var output = session.RunClean($$"""
            $a = New-FoSample "$dir/coffee.png" -Fields @{ objects = New-FoDetections @(
                    (New-FoDetection -Label cup -BoundingBox 0.25, 0.125, 0.5, 0.375 -Confidence 0.875),
                    (New-FoDetection -Label saucer -BoundingBox 0.1, 0.7, 0.8, 0.2)) }
            $b = New-FoSample "$dir/chelsea.png" -Fields @{ objects = New-FoDetections @((New-FoDetection -Label cat -BoundingBox 0, 0, 1, 1)) }
            $null = $a, $b | Export-FoDataset "$dir/det" -Format {{format}} -LabelField objects -Split train
            Import-FoDataset "$dir/det" -Format {{format}} -LabelField objects | ForEach-Object {
                $_.objects.Detections | ForEach-Object { '{0}:{1}:{2}' -f $_.Label, (($_.BoundingBox | ForEach-Object { [Math]::Round($_, 9) }) -join ','), $_.Confidence }
            }
            """, Vars);
        Assert.Equal(new[] { "cat:0,0,1,1:", "cup:0.25,0.125,0.5,0.375:0.875", "saucer:0.1,0.7,0.8,0.2:" }, output.Select(o => (string)o.BaseObject).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WhatIf_writes_nothing_and_existing_directory_needs_Force()
    {
        var result = session.Run("""
            $s = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 3 -Destination $cache
            $s | Export-FoDataset "$dir/x" -Format FiftyOneDataset -WhatIf
            [IO.Directory]::Exists("$dir/x")
            $null = $s | Export-FoDataset "$dir/x" -Format FiftyOneDataset
            try { $s | Export-FoDataset "$dir/x" -Format FiftyOneDataset; 'not reached' } catch { $_.FullyQualifiedErrorId }
            $null = $s | Export-FoDataset "$dir/x" -Format FiftyOneDataset -Force
            try { $s[0] | Export-FoDataset "$dir/x" -Format FiftyOneDataset -Force; 'not reached' } catch { $_.FullyQualifiedErrorId }
            $null = $s[0] | Export-FoDataset "$dir/x" -Format FiftyOneDataset -Force -AllowPartial
            (Import-FoDataset "$dir/x" -Format FiftyOneDataset).Count
            [IO.Directory]::GetDirectories($dir).Count
            """, Vars);
        Assert.Empty(result.Errors);
        Assert.Equal(new object[] { false, "DatasetExists,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand",
                "ExportWouldDeleteFiles,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand", 1, 1 },
            result.Output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Missing_media_is_one_error_and_the_rest_is_exported()
    {
        var missing = Path.Combine(_dir, "gone.png");
        var result = session.Run("""
            $s = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 3 -Destination $cache)
            $s += New-FoSample -Filepath $missing
            $null = $s | Export-FoDataset "$dir/y" -Format FiftyOneDataset
            (Import-FoDataset "$dir/y" -Format FiftyOneDataset).Count
            """, new Dictionary<string, object?>(Vars) { ["missing"] = missing });
        Assert.Equal(3, result.Single().BaseObject);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("MediaFileMissing,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand", missing), (error.FullyQualifiedErrorId, error.TargetObject));
    }

    [Fact]
    public void Unknown_format_is_one_terminating_error_and_writes_nothing()
    {
        const string format = "PascalVOC", errorId = "UnknownDatasetFormat";
        var result = session.Run($$"""
            try { New-FoSample -Filepath /tmp/a.png | Export-FoDataset "$dir/z" -Format {{format}}; 'not reached' } catch { $_.FullyQualifiedErrorId }
            [IO.Directory]::Exists("$dir/z")
            """, Vars);
        Assert.Equal(new object[] { errorId + ",FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand", false }, result.Output.Select(o => o.BaseObject).ToArray());
    }
}

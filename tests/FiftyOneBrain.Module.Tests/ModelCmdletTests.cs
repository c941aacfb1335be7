using System.Globalization;
using System.Text.RegularExpressions;

namespace FiftyOneBrain.ModuleTests;

/// <summary>
/// Training, prediction and embedding through the real engine on real Fashion-MNIST images (imported with
/// Import-FoDataset), plus the ways they must fail. Networks are tiny (width 0.125) to keep the tests fast.
/// </summary>
public sealed class ModelCmdletTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    private const string Import = "Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST";

    private static string TempPath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "fob-model-cmdlets", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Fact]
    public void New_FoModel_learns_and_Invoke_FoModel_beats_chance_on_held_out_images()
    {
        var path = TempPath("small.fomodel");
        var result = session.Run($$"""
            $all = {{Import}} -Split train -MaxSamples 600
            $model = $all[0..399] | New-FoModel -LabelField ground_truth -Path $path -Width 0.125 -Epochs 4 -BatchSize 32 -Seed 5 -Verbose
            $model.EmbeddingDimension
            $model.Classes.Count
            $held = @($all[400..599] | Invoke-FoModel -Model $path -StoreLogits)
            $held.Count
            @($held | Where-Object { $_.predictions.Label -eq $_.ground_truth.Label }).Count
            $held[0].predictions.Logits.Count
            $held[0].predictions.Confidence
            """, new Dictionary<string, object?> { ["path"] = path });
        Assert.Empty(result.Errors);
        var values = result.Output.Select(o => o.BaseObject).ToArray();
        Assert.Equal(64, values[0]);
        Assert.Equal(10, values[1]);
        Assert.Equal(200, values[2]);
        var correct = (int)values[3];
        Assert.True(correct > 90, $"{correct}/200 held-out images right (chance is 20)");
        Assert.Equal(10, values[4]);
        Assert.InRange((double)values[5], 0.1, 1.0);

        var losses = result.Verbose.Select(v => Regex.Match(v, @"^Epoch \d+/4: loss ([\d.]+)")).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, losses.Length);
        Assert.True(losses[^1] < 0.7 * losses[0], string.Join(", ", losses));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Same_seed_gives_the_same_predictions()
    {
        var a = TempPath("a.fomodel");
        var b = TempPath("b.fomodel");
        var output = session.RunClean("""
            $all = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split train -MaxSamples 100
            $null = $all | New-FoModel -LabelField ground_truth -Path $a -Width 0.125 -Epochs 1 -BatchSize 32 -Seed 11
            $null = $all | New-FoModel -LabelField ground_truth -Path $b -Width 0.125 -Epochs 1 -BatchSize 32 -Seed 11
            $pa = $all[0..9] | Invoke-FoModel -Model $a -StoreLogits -PredictionField pa | ForEach-Object { $_.pa.Logits -join ',' }
            $pb = $all[0..9] | Invoke-FoModel -Model $b -StoreLogits -PredictionField pb | ForEach-Object { $_.pb.Logits -join ',' }
            ($pa -join ';') -eq ($pb -join ';')
            $pa.Count
            """, new Dictionary<string, object?> { ["a"] = a, ["b"] = b });
        Assert.Equal(new object[] { true, 10 }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Corrupt_image_mid_batch_is_a_non_terminating_error_and_the_rest_goes_on()
    {
        var model = TempPath("m.fomodel");
        var result = session.Run("""
            $all = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split train -MaxSamples 40
            $null = $all | New-FoModel -LabelField ground_truth -Path $model -Width 0.125 -Epochs 1 -BatchSize 16 -Seed 1
            $dir = [IO.Path]::GetDirectoryName($model)
            $samples = 0..5 | ForEach-Object {
                $copy = [IO.Path]::Combine($dir, "img$_.png")
                [IO.File]::Copy($all[$_].Filepath, $copy)
                New-FoSample -Filepath $copy
            }
            [IO.File]::WriteAllBytes($samples[3].Filepath, [byte[]](0x89, 0x50, 0x4E, 0x47, 1, 2, 3))
            $samples | Get-FoEmbedding -Model $model -BatchSize 4 | ForEach-Object { "$([IO.Path]::GetFileName($_.Filepath)):$($_.embedding.Count)" }
            """, new Dictionary<string, object?> { ["model"] = model });
        Assert.Equal(["img0.png:64", "img1.png:64", "img2.png:64", "img4.png:64", "img5.png:64"], result.Output.Select(o => (string)o.BaseObject));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ImageUnreadable,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    [Theory]
    [InlineData("missing", "ModelNotFound")]
    [InlineData("corrupt", "ModelInvalid")]
    public void Bad_model_files_stop_the_run_before_any_work(string kind, string errorId)
    {
        var path = TempPath("bad.fomodel");
        if (kind == "corrupt") File.WriteAllText(path, "FOMODEL1 but nothing after it");
        var output = session.RunClean("""
            $processed = 0
            try {
                Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split train -MaxSamples 3 |
                    Invoke-FoModel -Model $path | ForEach-Object { $processed++ }
                'no error'
            } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
            $processed
            """, new Dictionary<string, object?> { ["path"] = path });
        Assert.StartsWith(errorId + ",", (string)output[0].BaseObject);
        Assert.Contains(path, (string)output[1].BaseObject);
        Assert.Equal(0, output[2].BaseObject);
    }

    [Fact]
    public void Missing_labels_stop_training_before_any_work()
    {
        var path = TempPath("never.fomodel");
        var output = session.RunClean("""
            $samples = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split train -MaxSamples 5) + (New-FoSample -Filepath /data/unlabelled.png)
            try { $samples | New-FoModel -LabelField ground_truth -Path $path -Epochs 1; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
            try { $samples[0..4] | New-FoModel -LabelField ground_truth -Path $path -Classes Trouser, Bag; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
            """, new Dictionary<string, object?> { ["path"] = path });
        Assert.StartsWith("InvalidTrainingLabels,", (string)output[0].BaseObject);
        Assert.Contains("1 of 6 samples have no Classification label in field 'ground_truth'", (string)output[1].BaseObject);
        Assert.StartsWith("InvalidTrainingLabels,", (string)output[2].BaseObject);
        Assert.Contains("are not among the 2 classes", (string)output[3].BaseObject);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void WhatIf_trains_nothing_and_writes_nothing()
    {
        var path = TempPath("whatif.fomodel");
        var output = session.RunClean("""
            @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split train -MaxSamples 20 | New-FoModel -LabelField ground_truth -Path $path -WhatIf).Count
            """, new Dictionary<string, object?> { ["path"] = path });
        Assert.Equal(0, output[0].BaseObject);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Invoke_FoCrossValidation_predicts_every_sample_with_logits()
    {
        var output = session.RunClean("""
            $out = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split train -MaxSamples 90 |
                Invoke-FoCrossValidation -LabelField ground_truth -Folds 3 -Epochs 1 -Width 0.125 -BatchSize 16 -Seed 2 -StoreLogits -PredictionField oos)
            $out.Count
            @($out | Where-Object { $_.oos.Logits.Count -eq 10 -and $_.oos.Confidence -gt 0 }).Count
            """);
        Assert.Equal(new object[] { 90, 90 }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Default_model_classifies_and_embeds_Fashion_MNIST_out_of_the_box()
    {
        var output = session.RunClean("""
            $test = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 300)
            @($test | Invoke-FoModel -Model default | Where-Object { $_.predictions.Label -eq $_.ground_truth.Label }).Count
            ($test[0..1] | Get-FoEmbedding | ForEach-Object { $_.embedding.Count }) -join ','
            """);
        var correct = (int)output[0].BaseObject;
        Assert.True(correct >= 255, $"default model: {correct}/300 right");
        Assert.Equal("128,128", output[1].BaseObject);
    }
}

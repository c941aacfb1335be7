using FiftyOneBrain.ModuleTests.Gallery;

namespace FiftyOneBrain.ModuleTests;

/// <summary>Ctrl+C during long work stops promptly and leaves no half-written file behind.</summary>
public sealed class StopProcessingTests(ModuleSession session) : IClassFixture<ModuleSession>, IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("fob-stop-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Stopping_a_gallery_run_leaves_no_page_and_no_temp_file()
    {
        var image = Path.Combine(_work.FullName, "big.png");
        TestPng.Write(image, 1500, 1500, (20, 40, 200), (240, 200, 30));
        var page = Path.Combine(_work.FullName, "gallery.html");
        var took = session.RunAndStop("""
            $samples = foreach ($i in 1..3000) { [FiftyOneBrain.Samples.Sample]::new($image) }
            $samples | Show-FoDataset -Path $page
            """, TimeSpan.FromSeconds(3), new Dictionary<string, object?> { ["image"] = image, ["page"] = page });
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took.TotalSeconds:0.0} s to stop");
        Assert.Equal(new[] { "big.png" }, _work.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void Stopping_training_leaves_no_model_file()
    {
        var model = Path.Combine(_work.FullName, "stopped.fomodel");
        var took = session.RunAndStop("""
            Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 3000 |
                New-FoModel -LabelField ground_truth -Path $model -Epochs 50 -Width 0.25
            """, TimeSpan.FromSeconds(8), new Dictionary<string, object?> { ["model"] = model });
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took.TotalSeconds:0.0} s to stop");
        Assert.Empty(_work.GetFiles());
    }
}

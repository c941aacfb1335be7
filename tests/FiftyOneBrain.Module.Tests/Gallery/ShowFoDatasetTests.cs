using System.Management.Automation;

namespace FiftyOneBrain.ModuleTests.Gallery;

public sealed class ShowFoDatasetTests(ModuleSession session) : IClassFixture<ModuleSession>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fo-show-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, object?> Vars(params (string Name, object? Value)[] extra)
    {
        var vars = new Dictionary<string, object?> { ["dir"] = _dir, ["page"] = Path.Combine(_dir, "gallery.html") };
        foreach (var (name, value) in extra) vars[name] = value;
        return vars;
    }

    /// <summary>Five samples a..e with PNGs on disk and a mistakenness of 0.3, 0.9, 0.1, 0.7, 0.5.</summary>
    private const string FiveSamples = """
        $scores = 0.3, 0.9, 0.1, 0.7, 0.5
        $samples = foreach ($i in 0..4) {
            $name = [string][char](97 + $i)
            New-FoSample -Filepath "$dir/$name.png" -Tags train -Fields @{
                ground_truth = (New-FoClassification -Label cat); mistakenness = $scores[$i] }
        }
        """;

    private void WriteImages(params string[] names)
    {
        foreach (var name in names) TestPng.Write(Path.Combine(_dir, name), 40, 30, (30, 60, 120), (200, 180, 90));
    }

    [Fact]
    public void Writes_one_page_with_a_card_per_sample_and_outputs_its_file()
    {
        WriteImages("a.png", "b.png", "c.png", "d.png", "e.png");

        var result = session.Run(FiveSamples + "\n$samples | Show-FoDataset -Path $page -Verbose", Vars());

        Assert.Empty(result.Errors);
        var file = Assert.IsType<FileInfo>(result.Single().BaseObject);
        Assert.Equal(Path.Combine(_dir, "gallery.html"), file.FullName);
        var data = GalleryPage.Data(file.FullName);
        Assert.Equal(new[] { "a.png", "b.png", "c.png", "d.png", "e.png" }, GalleryPage.Names(data));
        Assert.All(data.GetProperty("samples").EnumerateArray(), s => Assert.StartsWith("data:image/png;base64,", s.GetProperty("thumb").GetString()));
        Assert.Equal("mistakenness", data.GetProperty("scoreFields")[0].GetString());
        Assert.Contains(result.Verbose, v => v.StartsWith("Gallery of 5 of 5 sample(s), 1 score field(s)"));
    }

    [Fact]
    public void SortBy_Descending_and_First_put_the_top_samples_on_the_page()
    {
        WriteImages("a.png", "b.png", "c.png", "d.png", "e.png");

        session.RunClean(FiveSamples + "\n$null = $samples | Show-FoDataset $page -SortBy Mistakenness -Descending -First 3", Vars());

        var data = GalleryPage.Data(Path.Combine(_dir, "gallery.html"));
        Assert.Equal(new[] { "b.png", "d.png", "e.png" }, GalleryPage.Names(data));
        Assert.Equal("mistakenness", data.GetProperty("sortBy").GetString());
        Assert.True(data.GetProperty("descending").GetBoolean());
        Assert.Equal(5, data.GetProperty("inputCount").GetInt32());
    }

    [Fact]
    public void PassThru_passes_every_sample_on_in_input_order()
    {
        WriteImages("a.png", "b.png", "c.png", "d.png", "e.png");

        var output = session.RunClean(FiveSamples + "\n$samples | Show-FoDataset -Path $page -SortBy mistakenness -First 1 -PassThru | ForEach-Object { $_.mistakenness }", Vars());

        Assert.Equal(new object[] { 0.3, 0.9, 0.1, 0.7, 0.5 }, output.Select(o => o.BaseObject).ToArray());
        Assert.Equal(new[] { "c.png" }, GalleryPage.Names(GalleryPage.Data(Path.Combine(_dir, "gallery.html"))));
    }

    [Fact]
    public void WhatIf_writes_no_page_and_outputs_nothing()
    {
        WriteImages("a.png", "b.png", "c.png", "d.png", "e.png");

        var output = session.RunClean(FiveSamples + "\n$samples | Show-FoDataset -Path $page -WhatIf", Vars());

        Assert.Empty(output);
        Assert.Empty(Directory.GetFiles(_dir, "*.htm*"));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void An_unreadable_image_is_a_per_sample_error_and_its_card_stays_on_the_page()
    {
        WriteImages("a.png", "c.png", "d.png", "e.png");           // b.png is missing
        File.WriteAllText(Path.Combine(_dir, "d.png"), "not a png"); // d.png is garbage

        var result = session.Run(FiveSamples + "\n$samples | Show-FoDataset -Path $page", Vars());

        Assert.Equal(new[] { "ThumbnailFailed,FiftyOneBrain.PowerShell.Commands.ShowFoDatasetCommand" }, result.Errors.Select(e => e.FullyQualifiedErrorId).Distinct());
        Assert.Equal(new[] { ErrorCategory.ObjectNotFound, ErrorCategory.InvalidData }, result.Errors.Select(e => e.CategoryInfo.Category));
        Assert.Equal(new[] { Path.Combine(_dir, "b.png"), Path.Combine(_dir, "d.png") }, result.Errors.Select(e => PSObject.AsPSObject(e.TargetObject).Properties["Filepath"].Value));
        var cards = GalleryPage.Data(Path.Combine(_dir, "gallery.html")).GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(5, cards.Count);
        Assert.False(cards[1].TryGetProperty("thumb", out _));
        Assert.Contains("b.png", cards[1].GetProperty("error").GetString());
        Assert.True(cards[0].TryGetProperty("thumb", out _));
        Assert.IsType<FileInfo>(result.Single().BaseObject);
    }

    [Fact]
    public void Sorting_by_a_field_no_sample_has_stops_with_one_clear_error()
    {
        WriteImages("a.png", "b.png", "c.png", "d.png", "e.png");

        var result = session.Run(FiveSamples + "\n$samples | Show-FoDataset -Path $page -SortBy uniqueness", Vars());

        var error = Assert.Single(result.Errors);
        Assert.Equal("SortFieldNotFound,FiftyOneBrain.PowerShell.Commands.ShowFoDatasetCommand", error.FullyQualifiedErrorId);
        Assert.Contains("'uniqueness'", error.Exception.Message);
        Assert.Empty(Directory.GetFiles(_dir, "*.htm*"));
    }

    [Fact]
    public void Unknown_Fields_and_Open_without_a_desktop_warn_but_still_write_the_page()
    {
        WriteImages("a.png", "b.png", "c.png", "d.png", "e.png");
        var display = Environment.GetEnvironmentVariable("DISPLAY");
        var wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        Environment.SetEnvironmentVariable("DISPLAY", null);
        Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", null);
        try
        {
            var output = session.RunClean(FiveSamples + """

                $null = $samples | Show-FoDataset -Path $page -Fields mistakenness, hardnes -Open -WarningVariable warned -WarningAction SilentlyContinue
                $warned | ForEach-Object { $_.Message }
                """, Vars());

            var warnings = output.Select(o => (string)o.BaseObject).ToArray();
            Assert.Equal(2, warnings.Length);
            Assert.Equal("No sample has a field 'hardnes' that the gallery can show.", warnings[0]);
            Assert.StartsWith("No desktop to open a browser on", warnings[1]);
            Assert.Contains("file://" + _dir, warnings[1]);
            var data = GalleryPage.Data(Path.Combine(_dir, "gallery.html"));
            Assert.Equal(0, data.GetProperty("labelFields").GetArrayLength()); // -Fields left ground_truth out
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISPLAY", display);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", wayland);
        }
    }
}

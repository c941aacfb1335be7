using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace FiftyOneBrain.ModuleTests.Gallery;

/// <summary>
/// Loads pages written by Show-FoDataset in headless Chromium and checks what a person would see:
/// the cards, their order after using the sort control, the tag and label filters and the threshold slider.
/// </summary>
public sealed class GalleryBrowserTests : IClassFixture<ModuleSession>, IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Photos = "/usr/lib/python3/dist-packages/skimage/data";

    private readonly ModuleSession _session;
    private readonly HeadlessChromium _browser;
    private readonly ITestOutputHelper _log;
    private readonly string _dir = Directory.CreateTempSubdirectory("fo-gallery-").FullName;

    public GalleryBrowserTests(ModuleSession session, HeadlessChromium browser, ITestOutputHelper log)
    {
        _session = session;
        _browser = browser;
        _log = log;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>One row per sample of the small gallery: photo, truth, prediction, mistakenness, tags.</summary>
    private static readonly (string File, string Truth, string Predicted, double Confidence, double Mistakenness, string[] Tags)[] Rows =
    {
        ("astronaut.png", "person", "person", 0.97, 0.04, ["train"]),
        ("chelsea.png", "cat", "dog", 0.81, 0.91, ["train", "reviewed"]),
        ("coffee.png", "cup", "cup", 0.88, 0.12, ["val"]),
        ("camera.png", "person", "camera", 0.55, 0.78, ["train"]),
        ("rocket.jpg", "rocket", "rocket", 0.93, 0.07, ["val", "reviewed"]),
        ("motorcycle_left.png", "motorcycle", "bicycle", 0.62, 0.81, ["train"]),
        ("coins.png", "coins", "coins", 0.71, 0.29, ["val"]),
        ("horse.png", "horse", "dog", 0.58, 0.79, ["train", "reviewed"]),
        ("moon.png", "moon", "moon", 0.66, 0.34, ["val"]),
        ("hubble_deep_field.jpg", "space", "space", 0.9, 0.1, ["train"]),
        ("retina.jpg", "eye", "eye", 0.77, 0.23, ["val"]),
        ("missing.png", "cat", "cat", 0.5, 0.5, ["train", "reviewed"]),
    };

    private string WriteSmallGallery()
    {
        Assert.True(Directory.Exists(Photos), $"{Photos} is missing: apt-get install python3-skimage (`./build.sh Test` installs it).");
        var page = Path.Combine(_dir, "gallery.html");
        var result = _session.Run("""
            $samples = foreach ($r in $rows) {
                $fields = @{
                    ground_truth = New-FoClassification -Label $r.Item2
                    predictions = New-FoClassification -Label $r.Item3 -Confidence $r.Item4
                    mistakenness = $r.Item5
                }
                if ($r.Item1 -eq 'astronaut.png') {
                    $fields.objects = New-FoDetections @(
                        (New-FoDetection -Label person -BoundingBox 0.1, 0.06, 0.62, 0.9 -Confidence 0.98),
                        (New-FoDetection -Label flag -BoundingBox 0.01, 0.05, 0.2, 0.3 -Confidence 0.64))
                }
                New-FoSample -Filepath "$photos/$($r.Item1)" -Tags $r.Item6 -Fields $fields
            }
            $samples | Show-FoDataset -Path $page -Title 'Walkthrough gallery'
            """, new Dictionary<string, object?>
        {
            ["rows"] = Rows.Select(r => Tuple.Create(r.File, r.Truth, r.Predicted, r.Confidence, r.Mistakenness, r.Tags)).ToArray(),
            ["photos"] = Photos,
            ["page"] = page,
        });
        // The missing photo is the one expected error; its card stays, with a placeholder.
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ThumbnailFailed", error.FullyQualifiedErrorId);
        return page;
    }

    private string[] ShownNames() => _browser.FindAll("#grid .card .name").Select(e => e.Text).ToArray();

    private string ShownCount() => _browser.Find("#shown-count").Text;

    private void Choose(string select, string value) => _browser.Find($"{select} option[value=\"{value}\"]").Click();

    private static string[] Files(IEnumerable<(string File, string Truth, string Predicted, double Confidence, double Mistakenness, string[] Tags)> rows) =>
        rows.Select(r => r.File).ToArray();

    [Fact]
    public void Cards_sort_filter_and_threshold_as_shown_in_the_browser()
    {
        var page = WriteSmallGallery();
        _browser.Navigate(new Uri(page).AbsoluteUri);
        _browser.WaitFor("return !!window.foGallery", TimeSpan.FromSeconds(10));

        // Every sample is a card, in input order; the unreadable one shows a placeholder.
        Assert.Equal("12 of 12 samples", ShownCount());
        Assert.Equal(Files(Rows), ShownNames());
        Assert.Equal(11, _browser.FindAll("#grid .card img").Count);
        Assert.Equal("image unavailable", _browser.Find(".card[data-index=\"11\"] .noimg").Text.Split('\n').Last().Trim());
        Assert.Equal(2, _browser.FindAll(".card[data-index=\"0\"] svg rect").Count); // the astronaut's boxes
        Assert.Equal(Rows.Count(r => r.Truth != r.Predicted), _browser.FindAll("#grid .card.mismatch").Count);
        // Nothing was fetched from anywhere: every resource the page used is inline data or a local file.
        var fetched = _browser.Execute("return performance.getEntriesByType('resource').map(e => e.name.slice(0, 5))")!.AsArray().Select(n => n!.GetValue<string>());
        Assert.All(fetched, scheme => Assert.True(scheme is "data:" or "file:", $"The page fetched a {scheme} resource."));

        // Sort by mistakenness (ascending), then flip to descending with the direction button.
        Choose("#sort-field", "mistakenness");
        Assert.Equal(Files(Rows.OrderBy(r => r.Mistakenness)), ShownNames());
        _browser.Find("#sort-dir").Click();
        Assert.Equal("\u2193 Desc", _browser.Find("#sort-dir").Text);
        var descending = Rows.OrderByDescending(r => r.Mistakenness).ToArray();
        Assert.Equal(Files(descending), ShownNames());

        // Tag filter keeps the sort order.
        Choose("#tag-filter", "reviewed");
        Assert.Equal("4 of 12 samples", ShownCount());
        Assert.Equal(Files(descending.Where(r => r.Tags.Contains("reviewed"))), ShownNames());
        Choose("#tag-filter", "");

        // Label filter on ground truth, then the truth-versus-prediction mismatch switch.
        Choose("#label-value", "person");
        Assert.Equal(Files(descending.Where(r => r.Truth == "person")), ShownNames());
        Choose("#label-value", "");
        Choose("#label-field", "objects"); // a detections field matches when any object has the label
        Choose("#label-value", "flag");
        Assert.Equal(new[] { "astronaut.png" }, ShownNames());
        Choose("#label-value", "");
        Choose("#label-field", "ground_truth");
        _browser.Find("#mismatch-only").Click();
        Assert.Equal(Files(descending.Where(r => r.Truth != r.Predicted)), ShownNames());
        _browser.Find("#mismatch-only").Click();
        Assert.Equal("12 of 12 samples", ShownCount());

        // Threshold slider: a click in its middle moves it there; only cards at or above the value stay.
        Assert.Equal("off", _browser.Find("#threshold-value").Text);
        _browser.Find("#threshold").Click();
        var shownThreshold = _browser.Find("#threshold-value").Text;
        Assert.StartsWith("\u2265 ", shownThreshold);
        var threshold = double.Parse(shownThreshold[2..], CultureInfo.InvariantCulture);
        Assert.InRange(threshold, 0.35, 0.65);
        var kept = descending.Where(r => r.Mistakenness >= threshold).ToArray();
        Assert.Equal($"{kept.Length} of 12 samples", ShownCount());
        Assert.Equal(Files(kept), ShownNames());
        // Flipped to "at most", the slider starts open again; a click in the middle keeps the low values.
        _browser.Find("#threshold-mode").Click();
        Assert.Equal("12 of 12 samples", ShownCount());
        _browser.Find("#threshold").Click();
        var atMost = double.Parse(_browser.Find("#threshold-value").Text.Replace("\u2264 ", ""), CultureInfo.InvariantCulture);
        Assert.Equal(Files(descending.Where(r => r.Mistakenness <= atMost)), ShownNames());

        // A card opens its details.
        var firstShown = ShownNames()[0];
        _browser.FindAll("#grid .card")[0].Click();
        Assert.Equal(firstShown, _browser.Find("#detail-name").Text);
        _browser.Find("#detail-close").Click();
        Assert.Equal("true", _browser.Find("#detail").Attribute("hidden"));

        // Back to the walkthrough view for the screenshot: most likely mistakes first, nothing filtered.
        _browser.Find("#reset").Click();
        Choose("#sort-field", "mistakenness");
        _browser.Find("#sort-dir").Click();
        Assert.Equal(Files(descending), ShownNames());
        var shot = Path.Combine(Path.GetTempPath(), "fo-gallery-small.png");
        _browser.SaveScreenshot(shot);
        _log.WriteLine($"screenshot: {shot}");
    }

    [Fact]
    public void Ten_thousand_samples_render_fast_and_only_visible_cards_are_built()
    {
        const int n = 10_000, distinctImages = 500;
        var clock = Stopwatch.StartNew();
        var images = Path.Combine(_dir, "img");
        Directory.CreateDirectory(images);
        for (var i = 0; i < distinctImages; i++)
            TestPng.Write(Path.Combine(images, $"{i:D3}.png"), 28, 28, ((byte)(i * 37), (byte)(i * 91), (byte)(i * 53)), (240, 240, 240));
        var imagesTime = clock.Elapsed;

        // Samples are built from the module's types directly: 30,000 cmdlet calls would take most of the test's time.
        // Each sample still gets its own thumbnail (images are shared, thumbnails are not cached).
        clock.Restart();
        var page = Path.Combine(_dir, "big.html");
        var output = _session.RunClean("""
            $labels = 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'
            $samples = foreach ($i in 0..($n - 1)) {
                $s = [FiftyOneBrain.Samples.Sample]::new(('{0}/{1:D3}.png' -f $images, ($i % $distinct)), ('{0:D5}' -f $i))
                $s.Tags.Add(('train', 'test')[$i % 2])
                $s.SetField('ground_truth', [FiftyOneBrain.Samples.Classification]::new($labels[$i % 10], $null, $null))
                $s.SetField('predictions', [FiftyOneBrain.Samples.Classification]::new($labels[($i * 7) % 10], 0.5 + ($i % 50) / 100, $null))
                $s.SetField('mistakenness', (($i * 7919) % $n) / $n)
                $s.SetField('uniqueness', (($i * 104729) % $n) / $n)
                $s
            }
            $samples | Show-FoDataset -Path $page
            """, new Dictionary<string, object?> { ["n"] = n, ["distinct"] = distinctImages, ["images"] = images, ["page"] = page });
        var cmdletTime = clock.Elapsed;
        var pageBytes = Assert.IsType<FileInfo>(Assert.Single(output).BaseObject).Length;

        clock.Restart();
        _browser.Navigate(new Uri(page).AbsoluteUri);
        _browser.WaitFor("return !!window.foGallery", TimeSpan.FromSeconds(20));
        var loadTime = clock.Elapsed;
        var firstRenderMs = _browser.Execute("return window.foGallery.timings.firstRenderMs")!.GetValue<double>();

        Assert.Equal("10,000 of 10,000 samples", ShownCount());
        var built = _browser.FindAll("#grid .card").Count;
        Assert.InRange(built, 1, 400); // virtualised: only rows near the viewport exist

        // Sorting all 10,000 by a score: the top card is the highest score.
        Choose("#sort-field", "mistakenness");
        _browser.Find("#sort-dir").Click();
        var sortMs = _browser.Execute("return window.foGallery.timings.lastUpdateMs")!.GetValue<double>();
        var top = Enumerable.Range(0, n).OrderByDescending(i => (i * 7919L) % n).First();
        Assert.Equal($"{top:D5}", _browser.Find("#grid .card").Attribute("data-id"));

        // Scrolled to the end, the last card is the lowest score (0, sample 0).
        _browser.Execute("window.scrollTo(0, document.documentElement.scrollHeight)");
        _browser.WaitFor("return document.querySelector('#grid .card:last-child').dataset.id === '00000'", TimeSpan.FromSeconds(5));
        Assert.InRange(_browser.FindAll("#grid .card").Count, 1, 400);
        var shot = Path.Combine(Path.GetTempPath(), "fo-gallery-10k.png");
        _browser.SaveScreenshot(shot);
        _log.WriteLine($"screenshot: {shot}");

        _log.WriteLine($"10,000 samples: {distinctImages} PNGs written in {imagesTime.TotalSeconds:0.0} s; samples + Show-FoDataset (10,000 thumbnails) {cmdletTime.TotalSeconds:0.0} s; " +
            $"page {pageBytes / 1024.0 / 1024.0:0.0} MB; browser load {loadTime.TotalMilliseconds:0} ms; first render at {firstRenderMs:0} ms after navigation start; " +
            $"sort of 10,000 {sortMs:0.0} ms; cards in the DOM {built}");
        Assert.True(firstRenderMs < 10_000, $"First render took {firstRenderMs:0} ms.");
        Assert.True(sortMs < 1_000, $"Sorting 10,000 cards took {sortMs:0} ms.");
    }
}

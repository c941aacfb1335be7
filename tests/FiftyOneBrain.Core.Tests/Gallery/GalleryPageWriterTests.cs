using System.Text.Json;
using System.Text.RegularExpressions;
using FiftyOneBrain.Gallery;

namespace FiftyOneBrain.Tests.Gallery;

public sealed class GalleryPageWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fo-page-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static GalleryModel Model(string label = "cat", string title = "Review") => new()
    {
        Title = title,
        ScoreFields = new() { "mistakenness" },
        LabelFields = new() { "ground_truth" },
        Samples = new()
        {
            new GalleryCard
            {
                Id = "abc", Name = "a.png", Path = "/data/a.png", Tags = new() { "train" }, Thumb = "data:image/png;base64,AAAA",
                Scores = new() { ["mistakenness"] = 0.25 },
                Labels = new() { ["ground_truth"] = new CardLabel { Type = "classification", Labels = new() { label } } },
            },
        },
    };

    private static JsonElement DataOf(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"fo-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, "The page has no data block.");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement;
    }

    [Fact]
    public void The_page_is_self_contained_and_carries_the_data_as_JSON()
    {
        var path = Path.Combine(_dir, "g.html");

        GalleryPageWriter.Write(Model(), path);

        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        // No URL to any host; the SVG namespace name is an identifier, never fetched.
        Assert.DoesNotMatch("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/", html.Replace("'http://www.w3.org/2000/svg'", ""));
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotMatch("<script[^>]+src=", html);
        Assert.Contains("default-src 'none'", html);
        Assert.DoesNotContain("FO:", html); // every template slot was filled
        var data = DataOf(html);
        Assert.Equal("Review", data.GetProperty("title").GetString());
        var card = data.GetProperty("samples")[0];
        Assert.Equal(0.25, card.GetProperty("scores").GetProperty("mistakenness").GetDouble());
        Assert.Equal("cat", card.GetProperty("labels").GetProperty("ground_truth").GetProperty("labels")[0].GetString());
        Assert.False(card.TryGetProperty("error", out _)); // nulls are left out
    }

    [Fact]
    public void Markup_in_labels_and_title_cannot_break_out_of_the_page()
    {
        var path = Path.Combine(_dir, "g.html");

        GalleryPageWriter.Write(Model(label: "</script><b>x</b>", title: "<i>mine</i> & co"), path);

        var html = File.ReadAllText(path);
        Assert.Contains("<title>&lt;i&gt;mine&lt;/i&gt; &amp; co</title>", html);
        Assert.DoesNotContain("</script><b>", html);
        Assert.Equal("</script><b>x</b>", DataOf(html).GetProperty("samples")[0].GetProperty("labels").GetProperty("ground_truth").GetProperty("labels")[0].GetString());
    }

    [Fact]
    public void Writing_replaces_an_existing_page_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "sub", "g.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old");

        GalleryPageWriter.Write(Model(), path);

        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        Assert.Equal(new[] { "g.html" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_page_and_cleans_up()
    {
        var path = Path.Combine(_dir, "g.html");
        Directory.CreateDirectory(path); // a directory where the page should go: the rename must fail

        Assert.ThrowsAny<IOException>(() => GalleryPageWriter.Write(Model(), path));

        Assert.True(Directory.Exists(path));
        Assert.Equal(new[] { "g.html" }, Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }
}

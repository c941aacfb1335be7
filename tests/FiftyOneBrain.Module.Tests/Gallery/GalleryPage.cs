using System.Text.Json;
using System.Text.RegularExpressions;

namespace FiftyOneBrain.ModuleTests.Gallery;

/// <summary>Reads back the data a gallery page carries, to check what Show-FoDataset put in it.</summary>
public static class GalleryPage
{
    public static JsonElement Data(string path)
    {
        var html = File.ReadAllText(path);
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"fo-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, $"{path} has no gallery data block.");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }

    public static string[] Names(JsonElement data) =>
        data.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();
}

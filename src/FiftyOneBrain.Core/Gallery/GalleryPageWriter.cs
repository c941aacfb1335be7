using System.Reflection;
using System.Text;
using System.Text.Json;

namespace FiftyOneBrain.Gallery;

/// <summary>
/// Writes the gallery as one self-contained HTML file: the embedded template with its CSS, script and the
/// data (thumbnails included) inlined, so the page opens from disk with no network.
/// </summary>
public static class GalleryPageWriter
{
    private const string StyleSlot = "/*FO:STYLE*/";
    private const string ScriptSlot = "/*FO:SCRIPT*/";
    private const string MapScriptSlot = "/*FO:MAPSCRIPT*/";
    private const string DataSlot = "FO:DATA";
    private const string TitleSlot = "FO:TITLE";

    // The default encoder escapes <, > and & as \u003C..., so the data can never close its <script> element.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lazy<string> Template = new(() => Resource("gallery.html")
        .Replace(StyleSlot, Resource("gallery.css"))
        .Replace(MapScriptSlot, Resource("map.js"))
        .Replace(ScriptSlot, Resource("gallery.js")));

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it, so an interrupted run leaves no half page.</summary>
    public static void Write(GalleryModel model, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                WriteTo(model, stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void WriteTo(GalleryModel model, Stream stream)
    {
        var template = Template.Value;
        var split = template.IndexOf(DataSlot, StringComparison.Ordinal);
        if (split < 0) throw new InvalidOperationException("The gallery template has no data slot.");
        var title = System.Net.WebUtility.HtmlEncode(model.Title);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        stream.Write(utf8.GetBytes(template[..split].Replace(TitleSlot, title)));
        JsonSerializer.Serialize(stream, model, Json);
        stream.Write(utf8.GetBytes(template[(split + DataSlot.Length)..].Replace(TitleSlot, title)));
    }

    private static string Resource(string name)
    {
        var assembly = typeof(GalleryPageWriter).Assembly;
        using var stream = assembly.GetManifestResourceStream("FiftyOneBrain.Gallery.Page." + name)
            ?? throw new InvalidOperationException($"Gallery template part '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

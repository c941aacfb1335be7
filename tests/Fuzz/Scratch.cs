using SkiaSharp;

namespace FiftyOneBrain.Fuzz;

/// <summary>A per-process working folder for the files a reader expects next to the fuzzed one.</summary>
public sealed class Scratch
{
    public Scratch(string target)
    {
        RemoveAbandoned(target);
        Root = Path.Combine(Path.GetTempPath(), $"fob-fuzz-{target}-{Environment.ProcessId}");
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        Directory.CreateDirectory(Root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(Root, recursive: true); } catch (IOException) { } };
    }

    public string Root { get; }

    /// <summary>afl-fuzz ends the harness with SIGKILL, so exit handlers never run: remove folders of processes that are gone.</summary>
    private static void RemoveAbandoned(string target)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), $"fob-fuzz-{target}-*"))
        {
            if (!int.TryParse(folder[(folder.LastIndexOf('-') + 1)..], out var pid) || IsRunning(pid)) continue;
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        try { using var process = System.Diagnostics.Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
    }

    public string this[string relative] => Path.Combine(Root, relative);

    public void Write(string relative, byte[] bytes)
    {
        var path = this[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public void WriteText(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    public void DeleteFolder(string relative)
    {
        if (Directory.Exists(this[relative])) Directory.Delete(this[relative], recursive: true);
    }

    /// <summary>A small valid image (the media that labels files point at).</summary>
    public static byte[] Image(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(200, 80, 40));
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}

namespace FiftyOneBrain.Formats;

/// <summary>
/// Copies sample media into an export directory, keeping file names where possible and adding
/// "-1", "-2" ... when two different sources share a name (as FiftyOne's exporters do). Names are kept
/// unique without their extension too, because some formats key labels by the extensionless name.
/// </summary>
public sealed class MediaCopier(string targetDirectory)
{
    private readonly Dictionary<string, string> _targetOfSource = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.OrdinalIgnoreCase);

    public string TargetDirectory => targetDirectory;

    /// <summary>Copies <paramref name="sourcePath"/> (once) and returns the full path of the copy.</summary>
    /// <exception cref="FileNotFoundException">The media file does not exist.</exception>
    public string Copy(string sourcePath)
    {
        var source = Path.GetFullPath(sourcePath);
        if (_targetOfSource.TryGetValue(source, out var existing)) return existing;
        if (!File.Exists(source)) throw new FileNotFoundException($"Media file not found: {source}", source);
        var target = Path.Combine(targetDirectory, UniqueName(PortableName(Path.GetFileName(source))));
        Directory.CreateDirectory(targetDirectory);
        File.Copy(source, target);
        _targetOfSource[source] = target;
        return target;
    }

    /// <summary>
    /// Readers take '\' in a stored file name for a folder separator (labels files made on Windows), and folder
    /// readers skip names starting with '.' as hidden, so a Linux name holding either is changed.
    /// </summary>
    private static string PortableName(string name)
    {
        var portable = name.Replace('\\', '_');
        return portable.StartsWith('.') ? "_" + portable[1..] : portable;
    }

    private string UniqueName(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        var candidate = stem;
        for (var n = 1; !_usedNames.Add(candidate); n++) candidate = $"{stem}-{n}";
        return candidate + ext;
    }
}

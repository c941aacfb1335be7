using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// Writes a dataset so that the target directory is either the old one or the complete new one:
/// the format writes into a hidden sibling folder, which is renamed into place at the end
/// (same parent, so the rename is atomic); an interrupted export leaves only that temporary folder.
/// </summary>
public static class DatasetExport
{
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false.</exception>
    public static IReadOnlyList<DatasetProblem> Write(IDatasetFormat format, IEnumerable<Sample> samples, string path, DatasetWriteOptions options, bool overwrite)
    {
        if (!format.CanWrite) throw new NotSupportedException($"{format.Name} can be read but not written.");
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(target)) throw new IOException($"A file is in the way of the export: {target}");
        if (Directory.Exists(target) && !overwrite) throw new IOException($"The export directory already exists: {target}. Use -Force to replace it.");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        IReadOnlyList<DatasetProblem> problems;
        try
        {
            problems = format.Write(samples, temp, options);
            Directory.CreateDirectory(temp);
            if (Directory.Exists(target))
            {
                var old = Path.Combine(parent, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
                Directory.Move(target, old);
                Directory.Move(temp, target);
                Directory.Delete(old, recursive: true);
            }
            else Directory.Move(temp, target);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
        return problems;
    }
}

using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// Writes a dataset so that the target directory is either the old one or the complete new one:
/// the format writes into a hidden sibling folder, which is renamed into place at the end
/// (same parent, so the rename is atomic); an interrupted export leaves only that temporary folder.
/// An existing dataset is replaced only by a complete one: unless <c>allowPartial</c> is set, the export
/// stops (and leaves the old folder untouched) when the new dataset would be empty, when some samples could
/// not be written, or when the old folder holds files the export did not receive, which the swap would delete.
/// </summary>
public static class DatasetExport
{
    private const int NamedFiles = 5;

    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="DatasetReplaceRefusedException">Replacing the existing target would lose data.</exception>
    public static IReadOnlyList<DatasetProblem> Write(IDatasetFormat format, IEnumerable<Sample> samples, string path, DatasetWriteOptions options,
        bool overwrite, bool allowPartial = false)
    {
        if (!format.CanWrite) throw new NotSupportedException($"{format.Name} can be read but not written.");
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(target)) throw new IOException($"A file is in the way of the export: {target}");
        var replacing = Directory.Exists(target);
        if (replacing && !overwrite) throw new IOException($"The export directory already exists: {target}. Use -Force to replace it.");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        var received = new ReceivedSamples(target, replacing && options.ReferenceMedia);
        IReadOnlyList<DatasetProblem> problems;
        try
        {
            problems = format.Write(received.Track(samples), temp, options with { DatasetName = options.DatasetName ?? Path.GetFileName(target) });
            Directory.CreateDirectory(temp);
            if (replacing)
            {
                if (!allowPartial) CheckReplacement(target, temp, received, problems, options.ReferenceMedia);
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

    private static void CheckReplacement(string target, string temp, ReceivedSamples received, IReadOnlyList<DatasetProblem> problems, bool referenced)
    {
        const string Override = "Pass -AllowPartial to replace it anyway.";
        if (received.Count == 0 || problems.Count >= received.Count)
            throw new DatasetReplaceRefusedException(ReplaceRefusal.EmptyExportRefused, target,
                $"Refusing to replace {target} with an empty dataset: {received.Count} sample(s) received, none could be written. It is left as it was. {Override}", problems);
        if (problems.Count > 0)
            throw new DatasetReplaceRefusedException(ReplaceRefusal.PartialExportRefused, target,
                $"{problems.Count} of {received.Count} samples could not be written (first: {problems[0].Path}), so {target} is left as it was. " +
                $"Fix them, or pass -AllowPartial to replace it with the {received.Count - problems.Count} that could.", problems);
        var lost = FilesNotCarriedOver(target, temp, received, referenced);
        if (lost.Count > 0)
            throw new DatasetReplaceRefusedException(ReplaceRefusal.ExportWouldDeleteFiles, target,
                $"Replacing {target} would delete {lost.Count} file(s) the export did not receive " +
                $"({string.Join(", ", lost.Take(NamedFiles))}{(lost.Count > NamedFiles ? ", ..." : "")}). It is left as it was. {Override}", problems);
    }

    /// <summary>
    /// Old files that would be gone after the swap: media that was not among the exported samples (unless the new dataset
    /// holds the same bytes at the same place), and any other file the new dataset does not write again.
    /// </summary>
    private static List<string> FilesNotCarriedOver(string target, string temp, ReceivedSamples received, bool referenced)
    {
        var written = new HashSet<string>(Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(temp, f)), StringComparer.Ordinal);
        var lost = new List<string>();
        foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!referenced && received.Contains(file)) continue;
            var relative = Path.GetRelativePath(target, file);
            if (written.Contains(relative) && (!ImageCheck.HasImageExtension(file) || SameContent(file, Path.Combine(temp, relative)))) continue;
            lost.Add(relative.Replace(Path.DirectorySeparatorChar, '/'));
        }
        return lost;
    }

    /// <summary>True when both files hold the same bytes (a re-export of the same media from another folder).</summary>
    private static bool SameContent(string a, string b)
    {
        if (new FileInfo(a).Length != new FileInfo(b).Length) return false;
        using var x = File.OpenRead(a);
        using var y = File.OpenRead(b);
        Span<byte> bx = stackalloc byte[8192], by = stackalloc byte[8192];
        while (true)
        {
            var n = x.Read(bx);
            if (n == 0) return true;
            y.ReadExactly(by[..n]);
            if (!bx[..n].SequenceEqual(by[..n])) return false;
        }
    }

    /// <summary>Counts the samples a writer consumes and remembers their media files.</summary>
    private sealed class ReceivedSamples(string target, bool refuseReferencesInside)
    {
        private readonly HashSet<string> _media = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public bool Contains(string fullPath) => _media.Contains(fullPath);

        public IEnumerable<Sample> Track(IEnumerable<Sample> samples)
        {
            var inside = target + Path.DirectorySeparatorChar;
            foreach (var sample in samples)
            {
                var media = Path.GetFullPath(sample.Filepath);
                if (refuseReferencesInside && media.StartsWith(inside, StringComparison.Ordinal))
                    throw new DatasetReplaceRefusedException(ReplaceRefusal.ReferencedMediaInsideTarget, target,
                        $"-ReferenceMedia would point the new {Path.GetFileName(target)} at {media}, which is inside the folder being replaced. " +
                        "Export without -ReferenceMedia (the media is copied), or to another folder.", []);
                _media.Add(media);
                Count++;
                yield return sample;
            }
        }
    }
}

namespace FiftyOneBrain.Formats;

/// <summary>Resolves paths named inside labels files, refusing those that climb out of the dataset directory.</summary>
public static class DatasetPaths
{
    /// <summary>
    /// Full path of <paramref name="relative"/> under <paramref name="root"/>; false when it escapes the root
    /// (e.g. "../../etc/passwd"). Absolute paths are accepted only with <paramref name="allowAbsolute"/>,
    /// because FiftyOne writes absolute filepaths when it exports without copying media.
    /// </summary>
    public static bool TryResolveInside(string root, string relative, bool allowAbsolute, out string fullPath)
    {
        // No file name holds a NUL (Path.GetFullPath throws on one): such a path leads nowhere inside the root either.
        if (relative.Contains('\0'))
        {
            fullPath = Path.Combine(root, relative.Replace("\0", "\\0", StringComparison.Ordinal));
            return false;
        }
        if (Path.IsPathRooted(relative))
        {
            fullPath = Path.GetFullPath(relative);
            return allowAbsolute;
        }
        var normalizedRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        fullPath = Path.GetFullPath(Path.Combine(normalizedRoot, relative.Replace('\\', '/')));
        return fullPath.StartsWith(normalizedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Path relative to root with '/' separators, as FiftyOne stores them in JSON.</summary>
    public static string ToPortableRelative(string root, string fullPath) =>
        Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Throws the terminating error readers use when the dataset directory is missing.</summary>
    public static void RequireDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Dataset directory not found: {directory}");
    }
}

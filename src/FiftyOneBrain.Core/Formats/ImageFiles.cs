namespace FiftyOneBrain.Formats;

/// <summary>Finds the image files below a folder the way the folder formats read them.</summary>
public static class ImageFiles
{
    /// <summary>
    /// Image files (by extension) anywhere below <paramref name="directory"/>, skipping hidden files and anything
    /// inside hidden folders, in ordinal path order so imports are deterministic.
    /// </summary>
    public static List<string> Under(string directory)
    {
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        var images = Directory.EnumerateFiles(directory, "*", enumeration)
            .Where(p => ImageCheck.HasImageExtension(p) && !IsHidden(Path.GetRelativePath(directory, p)))
            .ToList();
        images.Sort(StringComparer.Ordinal);
        return images;
    }

    private static bool IsHidden(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));
}

using System.Runtime.InteropServices;

namespace FiftyOneBrain.Natives;

/// <summary>The module runs on this platform, not on the running one (its natives are not in the package).</summary>
public sealed class UnsupportedPlatformException(string message) : PlatformNotSupportedException(message);

/// <summary>
/// The platforms whose natives (ONNX Runtime, SkiaSharp) the module package carries under runtimes/&lt;rid&gt;/native/,
/// and which of them the running process is. Pure: the OS and architecture are arguments, so every choice is testable.
/// </summary>
public static class NativePlatform
{
    /// <summary>The runtime identifiers the package has natives for.</summary>
    public static readonly IReadOnlyList<string> SupportedRids = ["linux-x64", "win-x64", "osx-arm64"];

    /// <summary>The runtime identifier for an OS and architecture, or null when the package has no natives for it.</summary>
    public static string? RidFor(OSPlatform os, Architecture architecture)
    {
        var name = os == OSPlatform.Linux ? "linux" : os == OSPlatform.Windows ? "win" : os == OSPlatform.OSX ? "osx" : null;
        var arch = architecture switch { Architecture.X64 => "x64", Architecture.Arm64 => "arm64", Architecture.X86 => "x86", Architecture.Arm => "arm", _ => null };
        var rid = name is null || arch is null ? null : $"{name}-{arch}";
        return rid is not null && SupportedRids.Contains(rid) ? rid : null;
    }

    /// <summary>The running process's runtime identifier.</summary>
    /// <exception cref="UnsupportedPlatformException">The package has no natives for this OS and architecture.</exception>
    public static string Current() => Require(CurrentOS(), RuntimeInformation.ProcessArchitecture);

    /// <summary>The runtime identifier for an OS and architecture, or one clear error naming what is supported.</summary>
    public static string Require(OSPlatform? os, Architecture architecture) =>
        (os is { } known ? RidFor(known, architecture) : null) ?? throw new UnsupportedPlatformException(
            $"FiftyOneBrain has natives for {string.Join(", ", SupportedRids)} only; this process runs on {Describe(os, architecture)} " +
            $"({RuntimeInformation.OSDescription}).");

    /// <summary>
    /// Where a library that a managed assembly asks for by name ("onnxruntime", "libSkiaSharp") lies for <paramref name="rid"/>:
    /// the file names to try, in order, under <paramref name="moduleDirectory"/>/runtimes/&lt;rid&gt;/native/.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string moduleDirectory, string rid, string libraryName)
    {
        var folder = Path.Combine(moduleDirectory, "runtimes", rid, "native");
        var (prefix, extension) = rid.StartsWith("win-", StringComparison.Ordinal) ? ("", ".dll")
            : rid.StartsWith("osx-", StringComparison.Ordinal) ? ("lib", ".dylib") : ("lib", ".so");
        var bare = Path.GetFileName(libraryName);
        var stem = bare.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? bare[..^extension.Length] : bare;
        // "onnxruntime" is libonnxruntime.so / libonnxruntime.dylib / onnxruntime.dll; SkiaSharp asks for "libSkiaSharp" everywhere.
        string[] names = stem.StartsWith("lib", StringComparison.Ordinal) ? [stem + extension]
            : prefix.Length > 0 ? [prefix + stem + extension, stem + extension] : [stem + extension, "lib" + stem + extension];
        return names.Select(n => Path.Combine(folder, n)).ToArray();
    }

    private static OSPlatform? CurrentOS() =>
        OperatingSystem.IsLinux() ? OSPlatform.Linux : OperatingSystem.IsWindows() ? OSPlatform.Windows :
        OperatingSystem.IsMacOS() ? OSPlatform.OSX : null;

    private static string Describe(OSPlatform? os, Architecture architecture) =>
        $"{(os?.ToString() ?? "an unknown OS").ToLowerInvariant()} {architecture.ToString().ToLowerInvariant()}";
}

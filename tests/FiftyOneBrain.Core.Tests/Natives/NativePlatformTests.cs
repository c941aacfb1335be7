using System.Runtime.InteropServices;
using FiftyOneBrain.Natives;

namespace FiftyOneBrain.Tests.Natives;

public class NativePlatformTests
{
    public static TheoryData<string, Architecture, string?> Platforms => new()
    {
        { "LINUX", Architecture.X64, "linux-x64" },
        { "WINDOWS", Architecture.X64, "win-x64" },
        { "OSX", Architecture.Arm64, "osx-arm64" },
        { "LINUX", Architecture.Arm64, null },
        { "OSX", Architecture.X64, null },
        { "WINDOWS", Architecture.Arm64, null },
        { "WINDOWS", Architecture.X86, null },
        { "FREEBSD", Architecture.X64, null },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void RidFor_picks_the_packaged_platform_or_none(string os, Architecture architecture, string? expected) =>
        Assert.Equal(expected, NativePlatform.RidFor(OSPlatform.Create(os), architecture));

    [Fact]
    public void Require_names_the_supported_platforms_and_the_running_one_when_unsupported()
    {
        var e = Assert.Throws<UnsupportedPlatformException>(() => NativePlatform.Require(OSPlatform.Linux, Architecture.Arm64));
        Assert.StartsWith("FiftyOneBrain has natives for linux-x64, win-x64, osx-arm64 only; this process runs on linux arm64", e.Message);
        Assert.Throws<UnsupportedPlatformException>(() => NativePlatform.Require(null, Architecture.X64));
        Assert.Equal("win-x64", NativePlatform.Require(OSPlatform.Windows, Architecture.X64));
    }

    [Fact]
    public void Current_is_linux_x64_on_the_build_machine() =>
        Assert.Equal("linux-x64", NativePlatform.Current());

    public static TheoryData<string, string, string[]> Libraries => new()
    {
        // What ONNX Runtime and SkiaSharp ask for, and the files their packages hold.
        { "linux-x64", "onnxruntime", ["libonnxruntime.so", "onnxruntime.so"] },
        { "linux-x64", "libSkiaSharp", ["libSkiaSharp.so"] },
        { "win-x64", "onnxruntime", ["onnxruntime.dll", "libonnxruntime.dll"] },
        { "win-x64", "libSkiaSharp", ["libSkiaSharp.dll"] },
        { "win-x64", "onnxruntime.dll", ["onnxruntime.dll", "libonnxruntime.dll"] },
        { "osx-arm64", "onnxruntime", ["libonnxruntime.dylib", "onnxruntime.dylib"] },
        { "osx-arm64", "libSkiaSharp", ["libSkiaSharp.dylib"] },
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Candidates_look_in_the_rids_native_folder_with_its_names(string rid, string library, string[] expected)
    {
        var module = Path.Combine("m", "FiftyOneBrain");
        var folder = Path.Combine(module, "runtimes", rid, "native");
        var found = NativePlatform.Candidates(module, rid, library);
        Assert.Equal(expected.Select(n => Path.Combine(folder, n)), found);
    }
}

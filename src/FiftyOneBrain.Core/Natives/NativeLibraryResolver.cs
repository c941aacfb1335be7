using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace FiftyOneBrain.Natives;

/// <summary>
/// Finds the natives of the running platform under the module's runtimes/&lt;rid&gt;/native/ when the default
/// probing (beside the assembly, the system paths) does not: a module is not an application, so no deps.json
/// tells .NET about the runtimes folder. Installed once per load context; later libraries resolve the same way.
/// </summary>
public static class NativeLibraryResolver
{
    private static readonly object Gate = new();
    private static readonly HashSet<AssemblyLoadContext> Installed = [];

    /// <summary>Resolves unmanaged libraries of <paramref name="context"/> from <paramref name="moduleDirectory"/>.</summary>
    /// <exception cref="UnsupportedPlatformException">The package has no natives for the running platform.</exception>
    public static void Install(AssemblyLoadContext context, string moduleDirectory)
    {
        var rid = NativePlatform.Current();
        lock (Gate)
        {
            if (!Installed.Add(context)) return;
            context.ResolvingUnmanagedDll += (Assembly _, string name) => Load(moduleDirectory, rid, name);
        }
    }

    private static IntPtr Load(string moduleDirectory, string rid, string name)
    {
        foreach (var path in NativePlatform.Candidates(moduleDirectory, rid, name))
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
        return IntPtr.Zero;
    }
}

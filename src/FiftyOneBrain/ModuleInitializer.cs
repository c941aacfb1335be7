using System.Management.Automation;
using System.Runtime.Loader;
using FiftyOneBrain.Natives;

namespace FiftyOneBrain.PowerShell;

/// <summary>
/// Runs when Import-Module loads the module: points ONNX Runtime's and SkiaSharp's native look-ups at the running
/// platform's runtimes/&lt;rid&gt;/native/ folder, and stops the import with one clear error on a platform the
/// package has no natives for (rather than a DllNotFoundException at the first image).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport()
    {
        var assembly = typeof(ModuleInitializer).Assembly;
        var directory = Path.GetDirectoryName(assembly.Location) ?? AppContext.BaseDirectory;
        NativeLibraryResolver.Install(AssemblyLoadContext.GetLoadContext(assembly) ?? AssemblyLoadContext.Default, directory);
    }
}

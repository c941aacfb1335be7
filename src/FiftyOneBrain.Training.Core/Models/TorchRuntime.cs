using System.Reflection;
using TorchSharp;

namespace FiftyOneBrain.Models;

/// <summary>libtorch could not be loaded; the message says what is missing and where it was looked for.</summary>
public sealed class TorchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one gate to libtorch. TorchSharp loads its natives in a static constructor, so a missing or
/// incompatible library surfaces as a TypeInitializationException deep inside the first tensor call;
/// callers go through <see cref="EnsureLoaded"/> first and get one clear message instead.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The native libraries TorchSharp needs beside TorchSharp.dll (Linux names).</summary>
    internal static readonly string[] RequiredNatives = ["libLibTorchSharp.so", "libtorch.so", "libtorch_cpu.so", "libc10.so"];

    private static readonly object Gate = new();
    private static bool _loaded;
    private static TorchUnavailableException? _failure;

    /// <summary>Loads libtorch once, sets the thread count and fixes the behaviour of the CPU kernels.</summary>
    /// <exception cref="TorchUnavailableException">libtorch is missing or cannot be loaded.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            if (_failure is not null) throw _failure;
            try
            {
                Initialize();
                _loaded = true;
            }
            catch (Exception e) when (e is not TorchUnavailableException)
            {
                _failure = new TorchUnavailableException(Describe(NativeDirectory(), Innermost(e)), e);
                throw _failure;
            }
        }
    }

    /// <summary>Threads libtorch uses for one operation: every core this process may run on.</summary>
    public static int Threads => Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Multiply-adds per libtorch call below which one thread beats all cores. Measured on 2 cores: a batch of
    /// 64 through width 0.25 (1.5 G) ran 3-4x faster on one thread (intra-op sync costs more than it saves,
    /// and the decoding thread needs a core), while width 1 (24 G) and a width-0.25 training step of 128
    /// images (9 G) were 1.3-1.5x faster on both.
    /// </summary>
    internal const double ParallelThreshold = 4e9;

    /// <summary>Sets libtorch's intra-op threads for calls of about <paramref name="multiplyAddsPerCall"/> each.</summary>
    public static int UseThreadsFor(double multiplyAddsPerCall)
    {
        EnsureLoaded();
        var threads = multiplyAddsPerCall >= ParallelThreshold ? Threads : 1;
        if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
        return threads;
    }

    private static void Initialize()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        torch.set_num_threads(Threads);
    }

    private static string NativeDirectory()
    {
        try { return Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory; }
        catch (Exception) { return Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location) ?? AppContext.BaseDirectory; }
    }

    private static Exception Innermost(Exception e)
    {
        while (e is TypeInitializationException or TargetInvocationException && e.InnerException is not null) e = e.InnerException;
        return e;
    }

    /// <summary>Names the missing native files, or passes on the loader's reason when they are all there.</summary>
    internal static string Describe(string directory, Exception cause)
    {
        var missing = RequiredNatives.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
            return $"libtorch could not be loaded: {string.Join(", ", missing)} not found in {directory}. " +
                   "Reinstall the module (the TorchSharp-cpu natives ship beside FiftyOneBrain.Core.dll).";
        return $"libtorch could not be loaded from {directory}: {cause.Message}";
    }
}

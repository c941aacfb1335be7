using System.Runtime.InteropServices;

namespace FiftyOneBrain.Fuzz;

/// <summary>
/// The instrumented FiftyOneBrain.Core.dll counts edges in AFL's shared map, which Fuzzer.Run attaches only once
/// it starts. Code that runs before (building the targets) or without afl-fuzz (replay, seeds) needs a map of its own.
/// </summary>
public static class CoverageMap
{
    public static unsafe void UsePrivate() => SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 16);
}

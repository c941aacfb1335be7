namespace FiftyOneBrain.Fuzz;

/// <summary>Runs saved inputs (AFL's crashes/ and hangs/, or a corpus) outside the fuzzer and names each finding.</summary>
public static class Replay
{
    /// <summary>An input still running after this long is reported as a hang.</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(20);

    /// <returns>The number of distinct findings (0 when every input was handled).</returns>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)) : [p])
            .Order(StringComparer.Ordinal);
        var unique = new SortedDictionary<string, (string File, Exception? Error)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            var run = Task.Run(() => target.Run(input));
            if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(HangAfter))
            {
                Console.WriteLine($"FINDING Hang {file}");
                unique.TryAdd("Hang", (file, null));
                break; // the stuck thread cannot be stopped; report what was found so far
            }
            if (run.Exception?.InnerException is { } e)
            {
                var signature = ReaderErrors.Signature(e);
                Console.WriteLine($"FINDING {signature} {file}");
                unique.TryAdd(signature, (file, e));
            }
            else Console.WriteLine($"ok {file}");
        }
        foreach (var (signature, (file, error)) in unique)
        {
            Console.WriteLine($"### {signature} (first: {file})");
            Console.WriteLine(error?.ToString() ?? $"still running after {HangAfter.TotalSeconds} s");
        }
        Console.Out.Flush();
        return unique.Count;
    }
}

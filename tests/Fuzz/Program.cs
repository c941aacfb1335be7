using FiftyOneBrain.Fuzz;
using SharpFuzz;

// fuzz <target>                 under afl-fuzz: runs every input AFL sends on stdin (one input when run by hand)
// fuzz <target> <file|dir>...   replays inputs: one line per input, "ok" or "FINDING <signature>", then the unique findings
// fuzz seeds <corpus-dir>       writes every target's seed corpus to <corpus-dir>/<target>/
// The target may also come from FOB_FUZZ_TARGET.
CoverageMap.UsePrivate();
var name = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("FOB_FUZZ_TARGET");
if (name == "seeds" && args.Length == 2) return SeedCorpus.Write(args[1]);
if (name is null || FuzzTargets.Find(name) is not { } target)
{
    Console.Error.WriteLine($"usage: FiftyOneBrain.Fuzz <target> [inputs...] | seeds <dir>; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
if (args.Length > 1)
{
    var findings = Replay.Run(target, args[1..]);
    Environment.Exit(findings); // a hung input leaves its thread running
}
var crashLog = Environment.GetEnvironmentVariable("FOB_FUZZ_CRASH_LOG");
Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try { target.Run(buffer.ToArray()); }
    catch (Exception e) when (crashLog is not null && LogCrash(crashLog, e)) { }
});
return 0;

// Appends each crash as it happens, so a crash that depends on earlier inputs (and so does not replay alone) is still named.
static bool LogCrash(string path, Exception e)
{
    File.AppendAllText(path, $"FINDING {ReaderErrors.Signature(e)}\n{e}\n\n");
    return false; // the exception goes on to Fuzzer.Run, which reports the crash to afl-fuzz
}

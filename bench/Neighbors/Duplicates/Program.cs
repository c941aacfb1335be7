using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Formats;

// Near duplicates and leaky splits on N x 512 float32 embeddings with planted near copies (2 % of the samples),
// the module's radius scan against scikit-learn's radius_neighbors (FiftyOne's index) on the same embeddings.
//   dotnet run -c Release --project bench/Neighbors/Duplicates [-- 100000 [--no-peer]]
//   dotnet run -c Release --project bench/Neighbors/Duplicates -- --million      (1,000,000 x 512, module only: time and peak RSS)
const int dimension = 512;
const double threshold = 0.2;
var million = args.Contains("--million");
var n = million ? 1_000_000 : args.Where(a => int.TryParse(a, out _)).Select(int.Parse).DefaultIfEmpty(100_000).First();
var runPeer = !million && !args.Contains("--no-peer");
var python = Environment.GetEnvironmentVariable("FO_BENCH_PYTHON") ?? "/usr/bin/python3";

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
var embeddings = PlantedEmbeddings(n, dimension, seed: 7);
var split = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 1 : 0).ToArray(); // train 80 %, test 20 %
RadiusPairs.Find(embeddings[..(64 * dimension)], 64, dimension, threshold, DistanceMetric.Cosine); // warm-up

var watch = Stopwatch.StartNew();
long done = 0, total = 0;
var pairs = RadiusPairs.Find(embeddings, n, dimension, threshold, DistanceMetric.Cosine, new KnnOptions { Progress = (a, b) => (done, total) = (a, b) });
var scanSeconds = watch.Elapsed.TotalSeconds;
var duplicates = NearDuplicates.FromPairs(n, pairs, threshold);
var leaks = LeakySplits.FromPairs(split, 2, pairs, threshold);
var moduleSeconds = watch.Elapsed.TotalSeconds;
using (var self = Process.GetCurrentProcess())
    Console.WriteLine($"N={n} D={dimension} cosine threshold {threshold}: module {moduleSeconds:F1} s ({scanSeconds:F1} s scan, {total} tiles), {pairs.Count} pairs, "
        + $"{duplicates.DuplicateCount} duplicates, {leaks.LeakCount} leaking samples; peak RSS {self.PeakWorkingSet64 / (1 << 20)} MiB "
        + $"(embeddings {(long)n * dimension * 4 / (1 << 20)} MiB), load average {LoadAverage()}");

if (runPeer)
{
    var (peerSeconds, theirs) = RunPeer(embeddings, n, dimension);
    var ours = pairs.Select(p => ((long)p.First << 32) | (uint)p.Second).ToHashSet();
    var same = theirs.SetEquals(ours);
    var onlyOurs = ours.Except(theirs).Count();
    var onlyTheirs = theirs.Except(ours).Count();
    Console.WriteLine($"  scikit-learn radius_neighbors {peerSeconds:F1} s, {theirs.Count} pairs; same pairs: {same} (only module {onlyOurs}, only scikit-learn {onlyTheirs}); "
        + $"ratio {peerSeconds / moduleSeconds:F2}x faster");
}

// Clustered like real embeddings (100 centres plus noise as large as the centres), and 2 % of the samples near copies
// of an earlier one, so the pairs within the threshold are mostly the planted ones.
static float[] PlantedEmbeddings(int n, int d, int seed)
{
    var random = new Random(seed);
    var centres = Enumerable.Range(0, 100).Select(_ => Enumerable.Range(0, d).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray()).ToArray();
    var data = new float[(long)n * d];
    for (var i = 0; i < n; i++)
    {
        var row = data.AsSpan((int)((long)i * d), d);
        if (i > 0 && random.NextDouble() < 0.02)
        {
            var source = data.AsSpan((int)((long)random.Next(i) * d), d);
            for (var t = 0; t < d; t++) row[t] = source[t] + (float)(random.NextDouble() - 0.5) * 0.2f;
            continue;
        }
        var c = centres[random.Next(centres.Length)];
        for (var t = 0; t < d; t++) row[t] = c[t] + (float)(random.NextDouble() - 0.5) * 2;
    }
    return data;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

(double Seconds, HashSet<long> Pairs) RunPeer(float[] data, int count, int d)
{
    var dir = Directory.CreateTempSubdirectory("fo-bench-");
    try
    {
        var input = Path.Combine(dir.FullName, "embeddings.npy");
        var output = Path.Combine(dir.FullName, "pairs.npy");
        NpyFile.WriteFloat32(input, data, count, d);
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "sklearn_radius.py"), input, threshold.ToString(CultureInfo.InvariantCulture), output }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scikit-learn peer failed: {stderr}");
        var seconds = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.GetProperty("seconds").GetDouble();
        var raw = ReadInt64Pairs(output);
        return (seconds, raw);
    }
    finally { dir.Delete(recursive: true); }
}

// The peer's K x 2 int64 .npy: the header is skipped by its length field.
static HashSet<long> ReadInt64Pairs(string path)
{
    var bytes = File.ReadAllBytes(path);
    var headerLength = BitConverter.ToUInt16(bytes, 8);
    var set = new HashSet<long>();
    for (var at = 10 + headerLength; at + 16 <= bytes.Length; at += 16)
        set.Add((BitConverter.ToInt64(bytes, at) << 32) | (uint)BitConverter.ToInt64(bytes, at + 8));
    return set;
}

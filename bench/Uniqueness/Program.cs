using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Formats;
using TorchSharp;
using static TorchSharp.torch;

// Runs the module's uniqueness on random N x 512 float32 embeddings, then scikit-learn's brute-force cosine kNN
// (what FiftyOne uses) on the very same embeddings, and a plain libtorch matmul to get the FLOP floor.
//   dotnet run -c Release --project bench/Uniqueness [-- 20000 50000 [--no-peer]]
//   dotnet run -c Release --project bench/Uniqueness -- --million [seconds]   (1,000,000 x 512: memory and a timed slice)
//   dotnet run -c Release --project bench/Uniqueness -- --tile-products [N]   (exact kNN, k=3: libtorch vs ONNX Runtime tile products)
if (args.Contains("--tile-products"))
{
    var size = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).DefaultIfEmpty(20000).First();
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
    TileProductComparison.Run(RandomEmbeddings(size, 512, seed: 20260101 + size), size, 512, k: 3, runs: 3, LoadAverage);
    return;
}
if (args.Contains("--million"))
{
    var budget = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).DefaultIfEmpty(120).First();
    MillionSlice(1_000_000, 512, TimeSpan.FromSeconds(budget));
    return;
}
var sizes = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).DefaultIfEmpty(20000).ToList();
if (!args.Any(a => int.TryParse(a, out _))) sizes.Add(50000);
var runPeer = !args.Contains("--no-peer");
const int dimension = 512;
var python = Environment.GetEnvironmentVariable("FO_BENCH_PYTHON") ?? "/usr/bin/python3";
var peerScript = Path.Combine(AppContext.BaseDirectory, "sklearn_uniqueness.py");

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, torch threads {get_num_threads()}, load average {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");

foreach (var n in sizes)
{
    var embeddings = RandomEmbeddings(n, dimension, seed: 20260101 + n);
    Uniqueness.Compute(embeddings[..(64 * dimension)], 64, dimension); // warm-up: loads libtorch, JITs the scan

    // The floor's matmul speed is measured right before the module runs, under the same machine load.
    var gflops = MatmulGflops();
    var watch = Stopwatch.StartNew();
    var ours = Uniqueness.Compute(embeddings, n, dimension, DistanceMetric.Cosine);
    var moduleSeconds = watch.Elapsed.TotalSeconds;
    var floorSeconds = 2.0 * n * n * dimension / (gflops * 1e9);

    Console.WriteLine($"N={n} D={dimension} float32 cosine (load average {LoadAverage()})");
    if (runPeer)
    {
        var (peerSeconds, blas, theirs) = RunPeer(embeddings, n, dimension);
        var maxDiff = ours.Zip(theirs).Max(p => Math.Abs(p.First - p.Second));
        Console.WriteLine($"  module {moduleSeconds:F2} s   scikit-learn {peerSeconds:F2} s ({blas})   ratio {peerSeconds / moduleSeconds:F2}x faster   max |uniqueness difference| {maxDiff:E1}");
    }
    else Console.WriteLine($"  module {moduleSeconds:F2} s");
    Console.WriteLine($"  module {moduleSeconds:F2} s   FLOP floor 2*N*N*D/{gflops:F0} GFLOP/s = {floorSeconds:F2} s   ratio {moduleSeconds / floorSeconds:F2}x the floor");
}

// Runs the real 1,000,000 x 512 search for a time budget, then cancels it: shows the memory stays bounded
// (no N x N matrix) and extrapolates the full run from the tiles done.
static void MillionSlice(int n, int d, TimeSpan budget)
{
    var embeddings = RandomEmbeddings(n, d, seed: 1);
    var watch = Stopwatch.StartNew();
    using var cts = new CancellationTokenSource(budget);
    long done = 0, total = 0;
    try
    {
        Uniqueness.Compute(embeddings, n, d, DistanceMetric.Cosine, new KnnOptions { Cancellation = cts.Token, Progress = (a, b) => (done, total) = (a, b) });
        Console.WriteLine($"N={n} D={d}: finished in {watch.Elapsed.TotalSeconds:F0} s");
    }
    catch (OperationCanceledException)
    {
        var perTile = watch.Elapsed.TotalSeconds / Math.Max(done, 1);
        Console.WriteLine($"N={n} D={d}: {done} of {total} tiles in {watch.Elapsed.TotalSeconds:F0} s, {perTile:F3} s/tile -> full run about {perTile * total / 3600:F1} h");
    }
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"  peak resident memory {self.PeakWorkingSet64 / (1 << 20)} MiB (embeddings alone {(long)n * d * 4 / (1 << 20)} MiB)");
}

static float[] RandomEmbeddings(int n, int d, int seed)
{
    // Clustered like real embeddings (not pure noise): 100 random centres plus per-sample noise.
    var random = new Random(seed);
    var centres = Enumerable.Range(0, 100).Select(_ => Enumerable.Range(0, d).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray()).ToArray();
    var data = new float[(long)n * d];
    for (var i = 0; i < n; i++)
    {
        var c = centres[random.Next(centres.Length)];
        for (var t = 0; t < d; t++) data[(long)i * d + t] = c[t] + (float)(random.NextDouble() - 0.5);
    }
    return data;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static double MatmulGflops()
{
    using var scope = NewDisposeScope();
    const int size = 4096;
    var a = randn(size, dimension);
    var b = randn(dimension, size);
    var c = empty(size, size);
    c.addmm_(a, b, 0f, 1f);
    var best = double.MaxValue;
    for (var rep = 0; rep < 5; rep++)
    {
        var w = Stopwatch.StartNew();
        for (var i = 0; i < 4; i++) c.addmm_(a, b, 0f, 1f);
        best = Math.Min(best, w.Elapsed.TotalSeconds / 4);
    }
    return 2.0 * size * size * dimension / best / 1e9;
}

(double Seconds, string Blas, double[] Uniqueness) RunPeer(float[] embeddings, int n, int d)
{
    var dir = Directory.CreateTempSubdirectory("fo-bench-");
    try
    {
        var input = Path.Combine(dir.FullName, "embeddings.npy");
        var output = Path.Combine(dir.FullName, "uniqueness.npy");
        NpyFile.WriteFloat32(input, embeddings, n, d);
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { peerScript, input, output }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{python} {peerScript} failed: {stderr}");
        using var json = JsonDocument.Parse(stdout.Trim().Split('\n').Last());
        var u = NpyReader.ReadMatrix(output).Data.Select(v => (double)v).ToArray();
        return (json.RootElement.GetProperty("seconds").GetDouble(), json.RootElement.GetProperty("blas").GetString() ?? "?", u);
    }
    finally { dir.Delete(recursive: true); }
}

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
var sizes = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).DefaultIfEmpty(20000).ToList();
if (!args.Any(a => int.TryParse(a, out _))) sizes.Add(50000);
var runPeer = !args.Contains("--no-peer");
const int dimension = 512;
var python = Environment.GetEnvironmentVariable("FO_BENCH_PYTHON") ?? "/usr/bin/python3";
var peerScript = Path.Combine(AppContext.BaseDirectory, "sklearn_uniqueness.py");

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, torch threads {get_num_threads()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
var gflops = MatmulGflops();
Console.WriteLine($"libtorch float32 matmul: {gflops:F1} GFLOP/s");

foreach (var n in sizes)
{
    var embeddings = RandomEmbeddings(n, dimension, seed: 20260101 + n);
    Uniqueness.Compute(embeddings[..(64 * dimension)], 64, dimension); // warm-up: loads libtorch, JITs the scan

    var watch = Stopwatch.StartNew();
    var ours = Uniqueness.Compute(embeddings, n, dimension, DistanceMetric.Cosine);
    var moduleSeconds = watch.Elapsed.TotalSeconds;
    var floorSeconds = 2.0 * n * n * dimension / (gflops * 1e9);

    Console.WriteLine($"N={n} D={dimension} float32 cosine");
    if (runPeer)
    {
        var (peerSeconds, blas, theirs) = RunPeer(embeddings, n, dimension);
        var maxDiff = ours.Zip(theirs).Max(p => Math.Abs(p.First - p.Second));
        Console.WriteLine($"  module {moduleSeconds:F2} s   scikit-learn {peerSeconds:F2} s ({blas})   ratio {peerSeconds / moduleSeconds:F2}x faster   max |uniqueness difference| {maxDiff:E1}");
    }
    else Console.WriteLine($"  module {moduleSeconds:F2} s");
    Console.WriteLine($"  module {moduleSeconds:F2} s   FLOP floor 2*N*N*D/{gflops:F0} GFLOP/s = {floorSeconds:F2} s   ratio {moduleSeconds / floorSeconds:F2}x the floor");
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

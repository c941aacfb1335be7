using System.Diagnostics;
using FiftyOneBrain.Brain;

/// <summary>
/// The exact kNN end to end with each tile product on the same embeddings, cosine and euclidean: seconds per run
/// (several runs, interleaved so machine load hits both alike) and whether the results agree (indices identical,
/// distances within 1e-12 after the double-precision re-rank).
/// </summary>
internal static class TileProductComparison
{
    public static void Run(float[] embeddings, int n, int d, int k, int runs, Func<string> loadAverage)
    {
        // Both on every core, as the module's TorchRuntime set libtorch and OnnxTileProduct sets ONNX Runtime.
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
        Console.WriteLine($"threads: libtorch {TorchSharp.torch.get_num_threads()}, ONNX Runtime {Environment.ProcessorCount} (intra-op, no spinning)");
        var products = new (string Name, Func<ITileProduct> Create)[]
        {
            ("libtorch addmm", () => new TorchTileProduct()),
            ("ONNX Runtime Gemm", () => new OnnxTileProduct()),
            ("managed SIMD dots", () => new ManagedTileProduct()),
        };
        foreach (var metric in new[] { DistanceMetric.Cosine, DistanceMetric.Euclidean })
        {
            foreach (var p in products) ExactKnn.Search(embeddings[..(256 * d)], 256, d, k, metric, null, p.Create); // warm-up
            var seconds = products.Select(_ => new List<double>()).ToArray();
            var results = new KnnResult[products.Length];
            for (var run = 0; run < runs; run++)
                for (var i = 0; i < products.Length; i++)
                {
                    var watch = Stopwatch.StartNew();
                    results[i] = ExactKnn.Search(embeddings, n, d, k, metric, null, products[i].Create);
                    seconds[i].Add(watch.Elapsed.TotalSeconds);
                }
            Console.WriteLine($"N={n} D={d} k={k} {metric} (load average {loadAverage()})");
            for (var i = 0; i < products.Length; i++)
                Console.WriteLine($"  {products[i].Name,-18} {string.Join("  ", seconds[i].Select(s => $"{s:F2}"))} s   best {seconds[i].Min():F2} s   ratio to libtorch {seconds[i].Min() / seconds[0].Min():F2}x");
            for (var i = 1; i < products.Length; i++)
            {
                var same = results[i].Indices.AsSpan().SequenceEqual(results[0].Indices);
                var maxDiff = results[i].Distances.Zip(results[0].Distances).Max(p => Math.Abs(p.First - p.Second));
                Console.WriteLine($"  {products[i].Name} against libtorch: indices identical {same}, max |distance difference| {maxDiff:E1}");
            }
        }
    }
}

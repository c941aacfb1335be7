using System.Diagnostics;
using TorchSharp;

namespace FiftyOneBrain.Models;

/// <summary>
/// The machine's practical compute ceiling for a roofline comparison: libtorch's fp32 matrix-multiply
/// throughput on the same threads the models use, measured now (so a busy machine lowers it too).
/// </summary>
public static class ComputeLimit
{
    /// <summary>GFLOP/s of n x n by n x n matmuls (2n^3 FLOP each) repeated for about <paramref name="seconds"/>.</summary>
    public static double MatmulGflops(int n = 1024, double seconds = 2.0)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.random.manual_seed(0);
        var a = torch.randn(n, n);
        var b = torch.randn(n, n);
        torch.mm(a, b).Dispose(); // warm up kernels and threads
        var clock = Stopwatch.StartNew();
        var runs = 0;
        do
        {
            torch.mm(a, b).Dispose();
            runs++;
        } while (clock.Elapsed.TotalSeconds < seconds);
        return 2.0 * n * n * n * runs / clock.Elapsed.TotalSeconds / 1e9;
    }

    /// <summary>Images/s the FLOP limit allows for a network of <paramref name="multiplyAdds"/> per image (forward = 2 FLOP per multiply-add; training about 3x).</summary>
    public static double ImagesPerSecond(double gflops, long multiplyAdds, bool training = false) =>
        gflops * 1e9 / (2.0 * multiplyAdds * (training ? 3 : 1));
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Brain;

public sealed class ScoringThroughputTests
{
    /// <summary>
    /// CPU time of the calling thread: what the work costs on one core, unaffected by other processes
    /// competing for the machine (wall time is reported alongside).
    /// </summary>
    private static TimeSpan ThreadCpuTime()
    {
        const int ClockThreadCpuTimeId = 3;
        if (ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) throw new InvalidOperationException("clock_gettime failed");
        return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [Fact]
    public void Hardness_and_mistakenness_over_a_million_samples_take_under_two_seconds()
    {
        const int n = 1_000_000;
        var random = new Random(5);
        var samples = new Sample[n];
        for (var i = 0; i < n; i++)
        {
            var logits = new double[10];
            for (var j = 0; j < 10; j++) logits[j] = random.NextDouble() * 6 - 3;
            var s = new Sample("/data/x.png", id: "000000000000000000000000");
            s.SetField("ground_truth", new Classification(random.Next(10).ToString()));
            s.SetField("predictions", new Classification(random.Next(10).ToString(), random.NextDouble(), logits));
            samples[i] = s;
        }
        var options = new MistakennessOptions { UseLogits = true };

        GC.Collect(); // settle the freshly built samples into the old generation, as a long-lived dataset would be
        var cpuBefore = ThreadCpuTime();
        var watch = Stopwatch.StartNew();
        foreach (var s in samples)
        {
            s.SetField("hardness", Hardness.ScoreSample(s, "predictions"));
            Mistakenness.Apply(s, options);
        }
        watch.Stop();
        var cpu = ThreadCpuTime() - cpuBefore;

        Assert.True(cpu < TimeSpan.FromSeconds(2), $"took {cpu.TotalSeconds:F2} s of CPU on one thread ({watch.Elapsed.TotalSeconds:F2} s wall)");
        var last = samples[^1];
        var p = (Classification)last["predictions"]!;
        Assert.Equal(SoftmaxEntropy.Entropy(p.Logits), (double)last["hardness"]!);
        Assert.InRange((double)last["mistakenness"]!, 0, 1);
    }
}

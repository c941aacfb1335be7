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

    private static Sample[] MillionSamples()
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
        samples[17].RemoveField("predictions");
        GC.Collect(); // settle the freshly built samples into the old generation, as a long-lived dataset would be
        return samples;
    }

    private static void Score(Sample s, MistakennessOptions options)
    {
        s.SetField("hardness", Hardness.ScoreSample(s, "predictions"));
        Mistakenness.Apply(s, options);
    }

    [Fact]
    public void Hardness_and_mistakenness_over_a_million_samples_take_under_two_seconds_of_cpu()
    {
        var samples = MillionSamples();
        var options = new MistakennessOptions { UseLogits = true };
        var cpuBefore = ThreadCpuTime();
        foreach (var s in samples)
        {
            try { Score(s, options); }
            catch (BrainInputException) { }
        }
        var cpu = ThreadCpuTime() - cpuBefore;
        Assert.True(cpu < TimeSpan.FromSeconds(2), $"took {cpu.TotalSeconds:F2} s of CPU on one thread");
        var last = samples[^1];
        Assert.Equal(SoftmaxEntropy.Entropy(((Classification)last["predictions"]!).Logits), (double)last["hardness"]!);
        Assert.Equal(ClassificationMistakenness.ScoreSample(last, "ground_truth", "predictions", useLogits: true), (double)last["mistakenness"]!);
        Assert.False(samples[17].HasField("hardness"));
    }
}

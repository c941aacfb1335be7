// Hardness + classification mistakenness (-UseLogits) over 1,000,000 in-memory samples in Core, the
// issue's goal being under 2 s. Prints wall time and the calling thread's CPU time (what the work costs on
// one core whatever else the machine runs), against a baseline measured in the same run: the bare
// softmax-entropy arithmetic over the same logits with no sample or field access.
using System.Diagnostics;
using System.Runtime.InteropServices;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

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
GC.Collect();

var (baseWall, baseCpu, checksum) = Measure(() =>
{
    double sum = 0;
    foreach (var s in samples) sum += SoftmaxEntropy.Entropy(((Classification)s.GetField("predictions")!).Logits!);
    return sum;
});
var options = new MistakennessOptions { UseLogits = true };
var (wall, cpu, _) = Measure(() =>
{
    foreach (var s in samples)
    {
        s.SetField("hardness", Hardness.ScoreSample(s, "predictions"));
        Mistakenness.Apply(s, options);
    }
    return 0;
});
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; checksum {checksum:F3}");
Console.WriteLine($"entropy only (baseline):          wall {baseWall.TotalSeconds:F2} s, cpu {baseCpu.TotalSeconds:F2} s");
Console.WriteLine($"hardness + mistakenness, 1M:      wall {wall.TotalSeconds:F2} s, cpu {cpu.TotalSeconds:F2} s (goal < 2 s); {cpu / baseCpu:F2}x the baseline");

static (TimeSpan Wall, TimeSpan Cpu, double Result) Measure(Func<double> work)
{
    var cpu0 = ThreadCpu();
    var clock = Stopwatch.StartNew();
    var result = work();
    return (clock.Elapsed, ThreadCpu() - cpu0, result);
}

static TimeSpan ThreadCpu()
{
    if (Native.ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var t) != 0) throw new InvalidOperationException("clock_gettime failed");
    return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
}

[StructLayout(LayoutKind.Sequential)]
struct TimeSpec { public long Seconds; public long Nanoseconds; }

static class Native
{
    [DllImport("libc", EntryPoint = "clock_gettime")]
    public static extern int ClockGetTime(int clock, out TimeSpec time);
}

using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Fuzz.Targets;

/// <summary>
/// A dataset reader fed one fuzzed file (labels file, data.yaml, batch ...) inside a fixed, otherwise valid dataset
/// folder. Every result is enumerated; per-sample problems are the reader's normal answer to bad input.
/// </summary>
public class DatasetTarget : IFuzzTarget
{
    private readonly IDatasetFormat _format;
    private readonly Func<byte[], string> _placeInput;
    private readonly IReadOnlyDictionary<string, byte[]> _seeds;
    private readonly DatasetReadOptions _options;
    private Scratch? _scratch;

    /// <param name="layout">Writes the dataset's fixed files under "dataset/" (again before every input, which may have replaced one).</param>
    /// <param name="inputFile">Where the fuzzed bytes go, relative to the dataset folder.</param>
    public DatasetTarget(string name, IDatasetFormat format, Action<Scratch> layout, string inputFile, IReadOnlyDictionary<string, byte[]> seeds,
        string? split = null)
        : this(name, format, layout, _ => inputFile, seeds, split) { }

    /// <param name="placeInput">Picks where the fuzzed bytes go (e.g. by their header), relative to the dataset folder.</param>
    public DatasetTarget(string name, IDatasetFormat format, Action<Scratch> layout, Func<byte[], string> placeInput,
        IReadOnlyDictionary<string, byte[]> seeds, string? split = null)
    {
        Name = name;
        _format = format;
        Layout = layout;
        _placeInput = placeInput;
        _seeds = seeds;
        _options = new DatasetReadOptions { Split = split };
    }

    public string Name { get; }

    /// <summary>FOB_FUZZ_VERBOSE=1 prints every sample and problem (to check seeds and triage findings; never under afl-fuzz).</summary>
    private static bool Verbose { get; } = Environment.GetEnvironmentVariable("FOB_FUZZ_VERBOSE") == "1";

    private Action<Scratch> Layout { get; }

    public IReadOnlyDictionary<string, byte[]> Seeds() => _seeds;

    public void Run(byte[] input)
    {
        _scratch ??= new Scratch(Name);
        var dataset = _scratch["dataset"];
        var cache = _scratch["cache"];
        // Array formats unpack into the cache; start clean so every input is unpacked and read again.
        _scratch.DeleteFolder("cache");
        Layout(_scratch);
        _scratch.Write(Path.Combine("dataset", _placeInput(input)), input);
        ReaderErrors.Guard(() =>
        {
            foreach (var result in _format.Read(dataset, _options with { CacheDirectory = cache }))
                if (Verbose) Console.WriteLine(result.Problem?.ToString() ?? $"sample {result.Sample!.Filepath}");
        });
    }
}

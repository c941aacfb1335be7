namespace FiftyOneBrain.Formats;

/// <summary>The formats by name (case-insensitive), as Import-FoDataset/Export-FoDataset -Format takes them.</summary>
public static class DatasetFormats
{
    private static readonly IDatasetFormat[] All =
    [
        new ImageClassificationDirectoryTreeFormat(),
        new ImageDirectoryFormat(),
        new FiftyOneImageClassificationDatasetFormat(),
        new FiftyOneDatasetFormat(),
        new CocoDetectionDatasetFormat(),
        new YoloV5DatasetFormat(),
        new Cifar10Format(),
        FashionMnist.Format,
        Mnist.Format,
    ];

    private static readonly Dictionary<string, IDatasetFormat> ByName =
        All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    public static IReadOnlyList<string> WritableNames { get; } = All.Where(f => f.CanWrite).Select(f => f.Name).ToArray();

    public static bool TryGet(string name, out IDatasetFormat format) => ByName.TryGetValue(name.Trim(), out format!);

    /// <exception cref="ArgumentException">No format has that name; the message lists the known ones.</exception>
    public static IDatasetFormat Get(string name) =>
        TryGet(name, out var format) ? format
            : throw new ArgumentException($"Unknown dataset format '{name}'. Known formats: {string.Join(", ", Names)}.");
}

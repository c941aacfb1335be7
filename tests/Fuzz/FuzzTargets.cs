using FiftyOneBrain.Fuzz.Targets;

namespace FiftyOneBrain.Fuzz;

/// <summary>Every target by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        JsonDatasetTargets.Samples(),
        JsonDatasetTargets.ClassificationLabels(),
        JsonDatasetTargets.Coco(),
        TextDatasetTargets.YoloYaml(),
        TextDatasetTargets.YoloLabels(),
        ArrayDatasetTargets.Idx(),
        ArrayDatasetTargets.Cifar(),
        FileTargets.Npy(),
        FileTargets.ModelHeader(),
        FileTargets.ImageHeader(),
        FileTargets.ImageDecode(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}

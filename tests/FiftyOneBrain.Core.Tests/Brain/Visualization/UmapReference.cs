using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FiftyOneBrain.Tests.Brain.Visualization;

/// <summary>umap_reference.json beside this file, written by make_umap_reference.py from umap-learn and scikit-learn.</summary>
internal static class UmapReference
{
    public static JsonElement Load([CallerFilePath] string here = "") =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "umap_reference.json"))).RootElement;

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static double[] Flatten(JsonElement rows) => rows.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(e => e.GetDouble())).ToArray();
}

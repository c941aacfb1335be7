using System.Text;

namespace FiftyOneBrain.Fuzz.Targets;

/// <summary>Builds seed dictionaries: file name to bytes.</summary>
public static class Seeds
{
    public static IReadOnlyDictionary<string, byte[]> Text(params (string Name, string Content)[] seeds) =>
        seeds.ToDictionary(s => s.Name, s => Encoding.UTF8.GetBytes(s.Content));

    public static IReadOnlyDictionary<string, byte[]> Binary(params (string Name, byte[] Content)[] seeds) =>
        seeds.ToDictionary(s => s.Name, s => s.Content);
}

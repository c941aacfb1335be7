namespace FiftyOneBrain.Models;

/// <summary>Turns a -Model argument into a file: "default" is the model shipped beside the module.</summary>
public static class ModelLocator
{
    public const string DefaultName = "default";

    /// <summary>Models/default.fomodel next to FiftyOneBrain.Core.dll (where the module stages it).</summary>
    public static string DefaultModelPath =>
        Path.Combine(Path.GetDirectoryName(typeof(ModelLocator).Assembly.Location) ?? AppContext.BaseDirectory, "Models", "default" + ModelFile.Extension);

    public static bool IsDefault(string model) => string.Equals(model, DefaultName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The file to load for <paramref name="model"/>; a path is returned as given (callers resolve it first).</summary>
    public static string Resolve(string model) => IsDefault(model) ? DefaultModelPath : model;
}

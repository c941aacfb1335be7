using System.Text.Json.Serialization;

namespace FiftyOneBrain.Models;

/// <summary>
/// How images become network input: bilinear resize to Size x Size RGB (or Width x Height when set, for models whose input is not square) (of the whole image or its centre crop, see <see cref="ImageResize"/>), scale to [0,1], then
/// (x - Mean[c]) / Std[c] per channel. Stored in every model file so a model is always fed the way it was trained.
/// </summary>
public sealed record ImagePreprocessing
{
    public int Size { get; init; } = SimpleResNetShape.InputSize;
    /// <summary>The input's width when it differs from its height (null: Size).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Width { get; init; }
    /// <summary>The input's height when it differs from its width (null: Size).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Height { get; init; }

    [JsonIgnore] public int OutputWidth => Width ?? Size;
    [JsonIgnore] public int OutputHeight => Height ?? Size;
    public string Resize { get; init; } = "bilinear";
    public float[] Mean { get; init; } = [0.4914f, 0.4822f, 0.4465f];
    public float[] Std { get; init; } = [0.2023f, 0.1994f, 0.2010f];

    public static ImagePreprocessing Default { get; } = new();

    /// <summary>Floats per image in network input (3 channels, planar).</summary>
    [JsonIgnore]
    public int ValuesPerImage => 3 * OutputWidth * OutputHeight;

    /// <exception cref="InvalidDataException">The settings cannot describe a valid input.</exception>
    public void Validate()
    {
        if (Size != SimpleResNetShape.InputSize || OutputWidth != Size || OutputHeight != Size) throw new InvalidDataException($"Preprocessing size {Size} is not supported; SimpleResNet takes {SimpleResNetShape.InputSize}x{SimpleResNetShape.InputSize}.");
        if (!ImageResize.IsKnown(Resize)) throw new InvalidDataException($"Resize '{Resize}' is not supported ({ImageResize.Bilinear} or {ImageResize.CenterCrop}).");
        if (Mean is not { Length: 3 } || Std is not { Length: 3 } || Std.Any(s => !(s > 0)))
            throw new InvalidDataException("Preprocessing needs 3 means and 3 positive standard deviations.");
    }

    /// <summary>Planar RGB bytes (3 x height x width) to normalised floats, written at <paramref name="destination"/>.</summary>
    public void Normalize(ReadOnlySpan<byte> planarRgb, Span<float> destination)
    {
        var plane = OutputWidth * OutputHeight;
        for (var c = 0; c < 3; c++)
        {
            var scale = 1f / (255f * Std[c]);
            var shift = -Mean[c] / Std[c];
            var src = planarRgb.Slice(c * plane, plane);
            var dst = destination.Slice(c * plane, plane);
            for (var i = 0; i < plane; i++) dst[i] = src[i] * scale + shift;
        }
    }
}

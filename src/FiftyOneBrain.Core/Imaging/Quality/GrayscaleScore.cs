namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// cleanvision's grayscale check: 0 (an issue) when the file decodes to one channel (Pillow mode "L"), else 1.
/// An RGB file whose three channels are equal everywhere scores 1 there; <paramref name="equalChannels"/>
/// also scores it 0.
/// </summary>
public static class GrayscaleScore
{
    public static double Compute(QualityImage image, bool equalChannels = false) =>
        image.IsSingleChannel || (equalChannels && image.HasEqualChannels()) ? 0 : 1;
}

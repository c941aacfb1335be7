namespace FiftyOneBrain.Gallery;

/// <summary>A small embedded picture of one image, or why there is none.</summary>
public sealed record Thumbnail(string? DataUri, int Width, int Height, int SourceWidth, int SourceHeight, Exception? Error)
{
    public static Thumbnail Failed(Exception error) => new(null, 0, 0, 0, 0, error);

    public bool Succeeded => Error is null;
}

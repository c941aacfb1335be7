namespace FiftyOneBrain.Samples;

/// <summary>Image facts FiftyOne keeps in sample.metadata; read from the file header, never by decoding pixels.</summary>
public sealed record ImageMetadata(int Width, int Height, long SizeBytes, string? MimeType, int NumChannels)
{
    public override string ToString() => $"{Width}x{Height}";
}

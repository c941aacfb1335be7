namespace FiftyOneBrain.Models;

/// <summary>
/// Fills a float batch from stored images, normalising on the way; for training it also applies the
/// augmentation: a random crop of the image padded by 4 pixels (reflection) and a random horizontal flip.
/// </summary>
internal sealed class BatchAssembler(LabeledImageSet data, ImagePreprocessing preprocessing)
{
    public const int CropPadding = 4;
    private readonly int _size = data.Size;

    public void Fill(ReadOnlySpan<int> indices, Span<float> destination, Random? augment)
    {
        var per = data.BytesPerImage;
        for (var k = 0; k < indices.Length; k++)
        {
            var target = destination.Slice(k * per, per);
            if (augment is null)
            {
                preprocessing.Normalize(data.Image(indices[k]), target);
                continue;
            }
            var dx = augment.Next(-CropPadding, CropPadding + 1);
            var dy = augment.Next(-CropPadding, CropPadding + 1);
            var flip = augment.Next(2) == 1;
            Augment(data.Image(indices[k]), target, dx, dy, flip);
        }
    }

    /// <summary>out(c, y, x) = normalise(in(c, reflect(y + dy), reflect(x' + dx))), x' = flip ? size-1-x : x.</summary>
    internal void Augment(ReadOnlySpan<byte> image, Span<float> destination, int dx, int dy, bool flip)
    {
        var size = _size;
        var plane = size * size;
        for (var c = 0; c < 3; c++)
        {
            var scale = 1f / (255f * preprocessing.Std[c]);
            var shift = -preprocessing.Mean[c] / preprocessing.Std[c];
            for (var y = 0; y < size; y++)
            {
                var sy = Reflect(y + dy, size);
                for (var x = 0; x < size; x++)
                {
                    var sx = Reflect((flip ? size - 1 - x : x) + dx, size);
                    destination[c * plane + y * size + x] = image[c * plane + sy * size + sx] * scale + shift;
                }
            }
        }
    }

    internal static int Reflect(int i, int size) => i < 0 ? -i : i >= size ? 2 * size - 2 - i : i;
}

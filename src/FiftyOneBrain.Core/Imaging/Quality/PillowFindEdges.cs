namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Pillow's ImageFilter.FIND_EDGES on a grey image: the 3×3 kernel 8·centre − the 8 neighbours, clamped to
/// [0, 255]. As libImaging/Filter.c, the first and last rows and columns keep their input values, and an image
/// narrower or shorter than 3 pixels comes back unchanged.
/// </summary>
public static class PillowFindEdges
{
    public static byte[] Apply(byte[] grey, int width, int height)
    {
        var output = grey.AsSpan(0, width * height).ToArray();
        if (width < 3 || height < 3) return output;
        for (var y = 1; y < height - 1; y++)
        {
            int above = (y - 1) * width, row = y * width, below = (y + 1) * width;
            for (var x = 1; x < width - 1; x++)
            {
                var sum = 8 * grey[row + x]
                    - grey[above + x - 1] - grey[above + x] - grey[above + x + 1]
                    - grey[row + x - 1] - grey[row + x + 1]
                    - grey[below + x - 1] - grey[below + x] - grey[below + x + 1];
                output[row + x] = (byte)Math.Clamp(sum, 0, 255);
            }
        }
        return output;
    }
}

namespace FiftyOneBrain.Imaging.Quality;

/// <summary>
/// Pillow resizes an RGBA image premultiplied: RGBA → RGBa (c·a / 255, rounded as MULDIV255), resize, then
/// RGBa → RGBA (255·c / a, truncated and clamped; unchanged where a is 0 or 255), libImaging/Convert.c.
/// </summary>
public static class PillowPremultiply
{
    public static byte[] Premultiply(byte[] rgba)
    {
        var output = new byte[rgba.Length];
        for (var i = 0; i + 3 < rgba.Length; i += 4)
        {
            uint alpha = rgba[i + 3];
            for (var c = 0; c < 3; c++)
            {
                var tmp = rgba[i + c] * alpha + 128;
                output[i + c] = (byte)(((tmp >> 8) + tmp) >> 8);
            }
            output[i + 3] = rgba[i + 3];
        }
        return output;
    }

    public static byte[] Unpremultiply(byte[] rgba)
    {
        var output = (byte[])rgba.Clone();
        for (var i = 0; i + 3 < output.Length; i += 4)
        {
            uint alpha = rgba[i + 3];
            if (alpha is 0 or 255) continue;
            for (var c = 0; c < 3; c++) output[i + c] = (byte)Math.Min(255u, 255u * rgba[i + c] / alpha);
        }
        return output;
    }
}

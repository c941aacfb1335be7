namespace FiftyOneBrain.Brain;

/// <summary>
/// The pixel rectangle of an object's patch, as FiftyOne extracts patches with force_square=True: the relative box
/// [x, y, w, h] in pixels, its shorter side grown to the longer one around the same centre, then clipped to the
/// image (so a square patch at an edge loses what lies outside). Empty when the box lies entirely outside.
/// </summary>
public static class PatchBox
{
    public static (int X, int Y, int Width, int Height) Square(IReadOnlyList<double> box, int imageWidth, int imageHeight)
    {
        var x1 = box[0] * imageWidth;
        var y1 = box[1] * imageHeight;
        var w = box[2] * imageWidth;
        var h = box[3] * imageHeight;
        var side = Math.Max(w, h);
        var cx = x1 + w / 2;
        var cy = y1 + h / 2;
        var left = (int)Math.Round(Math.Max(0, cx - side / 2));
        var top = (int)Math.Round(Math.Max(0, cy - side / 2));
        var right = (int)Math.Round(Math.Min(imageWidth, cx + side / 2));
        var bottom = (int)Math.Round(Math.Min(imageHeight, cy + side / 2));
        return right > left && bottom > top ? (left, top, right - left, bottom - top) : (0, 0, 0, 0);
    }
}

namespace FiftyOneBrain.Imaging.Quality;

/// <summary>cleanvision's odd_aspect_ratio score: min(w / h, h / w), 1 for a square, towards 0 for a strip.</summary>
public static class AspectRatioScore
{
    public static double Compute(int width, int height) => Math.Min((double)width / height, (double)height / width);
}

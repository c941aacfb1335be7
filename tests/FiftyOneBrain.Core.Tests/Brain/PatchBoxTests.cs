using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class PatchBoxTests
{
    [Theory]
    // A 40x20 box at (20,40) of a 200x100 image grows to 40x40 around its centre (40,50): (20,30,40,40).
    [InlineData(0.1, 0.4, 0.2, 0.2, 20, 30, 40, 40)]
    // Already square: unchanged.
    [InlineData(0.25, 0.25, 0.1, 0.2, 50, 25, 20, 20)]
    // Tall 10x60 box at the left edge, centre (5,50): square 60 from x = -25, clipped to 0..35.
    [InlineData(0.0, 0.2, 0.05, 0.6, 0, 20, 35, 60)]
    // Entirely outside: empty.
    [InlineData(1.5, 0.2, 0.1, 0.1, 0, 0, 0, 0)]
    public void Grows_the_shorter_side_around_the_centre_then_clips(double x, double y, double w, double h, int ex, int ey, int ew, int eh) =>
        Assert.Equal((ex, ey, ew, eh), PatchBox.Square(new[] { x, y, w, h }, 200, 100));
}

using FiftyOneBrain.Models;

namespace FiftyOneBrain.Tests.Models;

public sealed class BatchAssemblerTests
{
    [Theory]
    [InlineData(-1, 1)]
    [InlineData(-4, 4)]
    [InlineData(0, 0)]
    [InlineData(31, 31)]
    [InlineData(32, 30)]
    [InlineData(35, 27)]
    public void Reflect_mirrors_without_repeating_the_edge(int index, int expected) =>
        Assert.Equal(expected, BatchAssembler.Reflect(index, 32));

    [Fact]
    public void Augment_shifts_and_flips_before_normalising()
    {
        var set = SetOfOneImage(out var image);
        var identity = new ImagePreprocessing { Mean = [0, 0, 0], Std = [1 / 255f, 1 / 255f, 1 / 255f] }; // values stay 0..255
        var assembler = new BatchAssembler(set, identity);
        var output = new float[3 * 1024];

        assembler.Augment(set.Image(0), output, dx: 2, dy: 1, flip: false);
        Assert.Equal(image[1 * 32 + 2], output[0]);           // out(0,0) = in(1,2)
        Assert.Equal(image[2 * 32 + 30], output[1 * 32 + 30]); // out(1,30) = in(2, reflect(32) = 30)

        assembler.Augment(set.Image(0), output, dx: 0, dy: 0, flip: true);
        Assert.Equal(image[31], output[0]);                    // out(0,0) = in(0,31)
        Assert.Equal(image[1024 + 5 * 32 + 0], output[1024 + 5 * 32 + 31]);
    }

    private static LabeledImageSet SetOfOneImage(out byte[] image)
    {
        var dir = TestImages.NewDirectory();
        var path = Path.Combine(dir, "ramp.png");
        image = Enumerable.Range(0, 1024).Select(i => (byte)((i * 7) % 256)).ToArray();
        TestImages.WriteGreyPng(path, image, 32, 32);
        var sample = new FiftyOneBrain.Samples.Sample(path);
        var planes = image.Concat(image).Concat(image).ToArray();
        image = planes;
        return LabeledImageSet.Decode([sample], [0], ["a", "b"], ImagePreprocessing.Default);
    }
}

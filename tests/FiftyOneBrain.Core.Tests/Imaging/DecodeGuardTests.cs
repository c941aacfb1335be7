using FiftyOneBrain.Formats;
using FiftyOneBrain.Gallery;
using FiftyOneBrain.Imaging;
using FiftyOneBrain.Models;
using FiftyOneBrain.Samples;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Imaging;

/// <summary>Every decode path refuses images over the pixel limit before allocating, per image, naming the file.</summary>
public sealed class DecodeGuardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fo-decode-guard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string HugePng(string name = "huge.png", int? rows = null)
    {
        var path = Path.Combine(_dir, name);
        BadImages.WriteBlackPng(path, 30000, 30000, rows);
        return path;
    }

    private string GoodPng(string name, SKColor color)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, BadImages.Encode(40, 30, SKEncodedImageFormat.Png, color));
        return path;
    }

    [Fact]
    public void The_huge_png_is_valid_and_small_on_disk()
    {
        var path = HugePng();
        Assert.InRange(new FileInfo(path).Length, 1, 1_000_000);
        var header = ImageHeader.Read(path);
        Assert.Equal((30000, 30000), (header.Width, header.Height));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void A_30000_square_png_is_refused_from_its_header_naming_the_file(int? rows)
    {
        var path = HugePng(rows: rows);
        var planar = new byte[3 * 32 * 32];
        var error = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.DecodePlanarRgb(path, 32, planar));
        Assert.Contains(path, error.Message);
        Assert.Equal(ImageLimits.DefaultMaxPixels, error.Limit);
        Assert.Equal((30000, 30000), (error.Width, error.Height));
        Assert.IsAssignableFrom<IOException>(error);
        Assert.True(ImageDecoder.IsImageProblem(error));
    }

    [Fact]
    public void A_jpeg_whose_header_claims_60000_square_is_refused()
    {
        var path = Path.Combine(_dir, "claims.jpg");
        BadImages.WriteJpegClaiming(path, 60000, 60000);
        var error = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.DecodePlanarRgb(path, 32, new byte[3 * 1024]));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void The_limit_is_a_parameter_and_a_claim_under_it_is_decoded_downscaled()
    {
        var path = Path.Combine(_dir, "claims.jpg");
        BadImages.WriteJpegClaiming(path, 9000, 9000); // 81 MP: under the default limit; libjpeg fills what the data lacks
        using (var codec = SKCodec.Create(path)) Assert.Equal(new SKSizeI(2250, 2250), ImageDecoder.DecodeSize(codec, 32)); // 2/8: the first JPEG scale with 4 MP or more
        ImageDecoder.DecodePlanarRgb(path, 32, new byte[3 * 1024]);
        var error = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.DecodePlanarRgb(path, 32, new byte[3 * 1024], maxPixels: 80_000_000));
        Assert.Equal(80_000_000, error.Limit);
    }

    [Fact]
    public void No_limit_still_stops_at_what_one_buffer_can_hold()
    {
        var path = HugePng();
        var error = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.DecodePlanarRgb(path, 32, new byte[3 * 1024], maxPixels: 0));
        Assert.Equal(ImageLimits.MaxDecodablePixels, error.Limit);
    }

    [Fact]
    public void A_large_jpeg_is_decoded_downscaled_with_the_same_colour()
    {
        var path = Path.Combine(_dir, "large.jpg");
        File.WriteAllBytes(path, BadImages.Encode(5000, 4000, SKEncodedImageFormat.Jpeg, new SKColor(200, 100, 50)));
        using (var codec = SKCodec.Create(path))
        {
            var size = ImageDecoder.DecodeSize(codec, 32);
            Assert.True((long)size.Width * size.Height < 5000L * 4000 / 3, $"decoded at {size}");
            Assert.True(Math.Min(size.Width, size.Height) >= 8 * 32);
        }
        var planar = new byte[3 * 1024];
        ImageDecoder.DecodePlanarRgb(path, 32, planar);
        Assert.All(planar[..1024], v => Assert.InRange(v, 196, 204));
        Assert.All(planar[1024..2048], v => Assert.InRange(v, 96, 104));
        Assert.All(planar[2048..], v => Assert.InRange(v, 46, 54));
    }

    [Fact]
    public void Small_images_are_decoded_at_full_size()
    {
        var path = GoodPng("small.png", SKColors.Red);
        using var codec = SKCodec.Create(path);
        Assert.Equal(codec.Info.Size, ImageDecoder.DecodeSize(codec, 32));
    }

    [Fact]
    public void Inference_decoding_reports_the_huge_image_and_decodes_the_rest_in_order()
    {
        var samples = new[] { GoodPng("a.png", SKColors.Red), HugePng(), GoodPng("b.png", SKColors.Blue) }.Select(p => new Sample(p)).ToArray();
        var batches = DecodedBatchStream.Read(samples, 2, ImagePreprocessing.Default).ToList();
        Assert.Equal(new[] { samples[0], samples[2] }, batches.SelectMany(b => b.Samples));
        var failure = Assert.Single(batches.SelectMany(b => b.Failures));
        Assert.Same(samples[1], failure.Sample);
        Assert.IsType<ImageTooLargeException>(failure.Error);
    }

    [Fact]
    public void The_limit_reaches_inference_decoding()
    {
        var samples = new[] { new Sample(GoodPng("a.png", SKColors.Red)) };
        var batch = Assert.Single(DecodedBatchStream.Read(samples, 4, ImagePreprocessing.Default, maxPixels: 1000));
        Assert.Empty(batch.Samples);
        Assert.IsType<ImageTooLargeException>(Assert.Single(batch.Failures).Error);
    }

    [Fact]
    public void Training_decoding_leaves_the_huge_image_out()
    {
        var samples = new[] { GoodPng("a.png", SKColors.Red), HugePng(), GoodPng("b.png", SKColors.Blue) }.Select(p => new Sample(p)).ToArray();
        var failed = new List<(Sample, Exception)>();
        var set = LabeledImageSet.Decode(samples, [0, 1, 1], ["x", "y"], ImagePreprocessing.Default, (s, e) => failed.Add((s, e)));
        Assert.Equal(new[] { samples[0], samples[2] }, set.Samples);
        Assert.Equal(new[] { 0, 1 }, set.Labels);
        var (sample, error) = Assert.Single(failed);
        Assert.Same(samples[1], sample);
        Assert.IsType<ImageTooLargeException>(error);
    }

    [Fact]
    public void A_thumbnail_of_the_huge_image_fails_alone()
    {
        var paths = new[] { GoodPng("a.png", SKColors.Red), HugePng() };
        var thumbnails = ThumbnailMaker.MakeAll(paths, 64);
        Assert.True(thumbnails[0].Succeeded);
        var error = Assert.IsType<ImageTooLargeException>(thumbnails[1].Error);
        Assert.Contains(paths[1], error.Message);
        Assert.IsType<ImageTooLargeException>(ThumbnailMaker.MakeAll(paths[..1], 64, maxPixels: 100)[0].Error);
    }

    [Fact]
    public void The_import_check_reads_headers_only_so_huge_claims_cost_nothing_there()
    {
        var huge = HugePng();
        var claims = Path.Combine(_dir, "claims.jpg");
        BadImages.WriteJpegClaiming(claims, 60000, 60000);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var metadata = ImageCheck.Inspect(huge, out var problem);
        var claimed = ImageCheck.Inspect(claims, out var claimProblem);
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - before, 0, 4_000_000);
        Assert.Null(problem);
        Assert.Null(claimProblem);
        Assert.Equal((30000, 30000), (metadata!.Width, metadata.Height));
        Assert.Equal((60000, 60000), (claimed!.Width, claimed.Height));
    }

    [Fact]
    public void Array_export_reports_the_huge_image_instead_of_decoding_it()
    {
        var samples = new[] { GoodPng("a.png", SKColors.Red), HugePng() }.Select(p =>
        {
            var sample = new Sample(p);
            sample.SetField("ground_truth", new Classification("x"));
            return sample;
        }).ToArray();
        int? width = null, height = null;
        var problems = new List<DatasetProblem>();
        var entries = ImageArrayWriter.Collect(samples, ["x"], "ground_truth", 3, ref width, ref height, problems);
        Assert.Single(entries);
        var problem = Assert.Single(problems);
        Assert.Equal(DatasetProblemKind.ImageUnreadable, problem.Kind);
        Assert.Equal(samples[1].Filepath, problem.Path);
    }
}

using SkiaSharp;
using FiftyOneBrain.Gallery;

namespace FiftyOneBrain.Tests.Gallery;

public sealed class ThumbnailMakerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fo-thumb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteImage(string name, int width, int height, SKEncodedImageFormat format, SKColor color, bool transparent = false)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, transparent ? SKAlphaType.Unpremul : SKAlphaType.Opaque));
        bitmap.Erase(color);
        // Some texture so the file is not trivially small.
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White })
            for (var x = 0; x < width; x += 7) canvas.DrawRect(x, (x * 13) % height, 3, 3, paint);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    private static (string Mime, SKBitmap Bitmap, byte[] Bytes) DecodeDataUri(string uri)
    {
        var comma = uri.IndexOf(',');
        Assert.StartsWith("data:", uri);
        Assert.EndsWith(";base64", uri[..comma]);
        var bytes = Convert.FromBase64String(uri[(comma + 1)..]);
        return (uri[5..uri.IndexOf(';')], SKBitmap.Decode(bytes), bytes);
    }

    [Fact]
    public void A_large_photo_shrinks_to_the_longest_side_keeping_its_aspect_as_JPEG()
    {
        var path = WriteImage("wide.jpg", 640, 320, SKEncodedImageFormat.Jpeg, SKColors.SteelBlue);

        var thumb = ThumbnailMaker.Make(path, 96);

        Assert.Equal((96, 48, 640, 320), (thumb.Width, thumb.Height, thumb.SourceWidth, thumb.SourceHeight));
        var (mime, bitmap, _) = DecodeDataUri(thumb.DataUri!);
        using var _b = bitmap;
        Assert.Equal("image/jpeg", mime);
        Assert.Equal((96, 48), (bitmap.Width, bitmap.Height));
        var centre = bitmap.GetPixel(10, 40); // away from the white dots: still steel blue after resampling
        Assert.InRange(centre.Blue, 150, 220);
        Assert.InRange(centre.Red, 40, 110);
    }

    [Fact]
    public void A_tall_image_with_transparency_stays_PNG()
    {
        var path = WriteImage("tall.png", 100, 400, SKEncodedImageFormat.Png, new SKColor(200, 30, 30, 128), transparent: true);

        var thumb = ThumbnailMaker.Make(path, 64);

        Assert.Equal((16, 64), (thumb.Width, thumb.Height));
        var (mime, bitmap, _) = DecodeDataUri(thumb.DataUri!);
        using var _b = bitmap;
        Assert.Equal("image/png", mime);
        Assert.InRange(bitmap.GetPixel(8, 60).Alpha, 100, 160);
    }

    [Fact]
    public void A_small_image_is_embedded_byte_for_byte()
    {
        var path = WriteImage("small.png", 28, 28, SKEncodedImageFormat.Png, SKColors.Gray);

        var thumb = ThumbnailMaker.Make(path, 96);

        var (mime, bitmap, bytes) = DecodeDataUri(thumb.DataUri!);
        bitmap.Dispose();
        Assert.Equal("image/png", mime);
        Assert.Equal(File.ReadAllBytes(path), bytes);
        Assert.Equal((28, 28, 28, 28), (thumb.Width, thumb.Height, thumb.SourceWidth, thumb.SourceHeight));
    }

    [Fact]
    public void Missing_and_unreadable_files_fail_with_the_reason_instead_of_throwing()
    {
        var garbage = Path.Combine(_dir, "notes.png");
        File.WriteAllText(garbage, "this is not an image");

        var missing = ThumbnailMaker.TryMake(Path.Combine(_dir, "gone.png"), 96);
        var unreadable = ThumbnailMaker.TryMake(garbage, 96);

        Assert.IsType<FileNotFoundException>(missing.Error);
        Assert.False(missing.Succeeded);
        Assert.Null(missing.DataUri);
        Assert.IsType<InvalidDataException>(unreadable.Error);
        Assert.Contains("notes.png", unreadable.Error!.Message);
    }

    [Fact]
    public void MakeAll_keeps_the_input_order_and_reports_each_image()
    {
        var paths = Enumerable.Range(0, 24)
            .Select(i => i == 5 ? Path.Combine(_dir, "gone.png") : WriteImage($"i{i}.png", 40 + i, 30, SKEncodedImageFormat.Png, SKColors.Olive))
            .ToArray();
        var reported = 0;

        var thumbs = ThumbnailMaker.MakeAll(paths, 32, () => Interlocked.Increment(ref reported));

        Assert.Equal(24, reported);
        Assert.False(thumbs[5].Succeeded);
        for (var i = 0; i < paths.Length; i++)
            if (i != 5) Assert.Equal(40 + i, thumbs[i].SourceWidth);
    }

    [Fact]
    public void A_real_photo_decodes_through_the_reduced_size_path()
    {
        // Debian's python3-skimage ships sample photos; build.sh installs it for the Test task.
        const string photo = "/usr/lib/python3/dist-packages/skimage/data/hubble_deep_field.jpg";
        Assert.True(File.Exists(photo), $"{photo} is missing: apt-get install python3-skimage (build.sh Test installs it).");

        var thumb = ThumbnailMaker.Make(photo, 80);

        Assert.Equal(80, Math.Max(thumb.Width, thumb.Height));
        Assert.True(thumb.SourceWidth > 500);
        using var bitmap = DecodeDataUri(thumb.DataUri!).Bitmap;
        Assert.Equal((thumb.Width, thumb.Height), (bitmap.Width, bitmap.Height));
    }
}

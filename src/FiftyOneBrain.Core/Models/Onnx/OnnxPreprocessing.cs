using System.Globalization;
using System.Text.Json.Serialization;

namespace FiftyOneBrain.Models.Onnx;

/// <summary>
/// How an image becomes an ONNX model's input tensor: decoded (grey becomes three equal channels, alpha is dropped),
/// resized bilinearly to Width x Height (both Size unless the model's input is not square) over the whole image or its centre crop, value = (pixel * Scale - Mean[c]) / Std[c] with pixel in
/// 0..255 and c in RGB order, then laid out NCHW or NHWC with the channels in <see cref="ChannelOrder"/>.
/// Null members take the defaults inferred from the model's input shape (<see cref="InferFrom"/>).
/// </summary>
public sealed record OnnxPreprocessing
{
    public static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    public static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    public int? Size { get; init; }
    /// <summary>The input's width, for a model whose input is not square (null: Size).</summary>
    public int? Width { get; init; }
    /// <summary>The input's height, for a model whose input is not square (null: Size).</summary>
    public int? Height { get; init; }
    /// <summary>"bilinear": the whole image resized to Size x Size (aspect ratio not kept), as the shipped models are fed;
    /// "center-crop": the central square of 0.875 x the shorter side, as torchvision's Resize + CenterCrop (<see cref="ImageResize"/>).</summary>
    public string? Resize { get; init; }
    /// <summary>"RGB" or "BGR".</summary>
    public string? ChannelOrder { get; init; }
    /// <summary>Factor applied to 0..255 pixels before the mean and std: 1/255 gives 0..1, 1 keeps 0..255.</summary>
    public float? Scale { get; init; }
    public float[]? Mean { get; init; }
    public float[]? Std { get; init; }
    /// <summary>"NCHW" or "NHWC".</summary>
    public string? Layout { get; init; }

    [JsonIgnore] public bool IsBgr => string.Equals(ChannelOrder, "BGR", StringComparison.OrdinalIgnoreCase);
    [JsonIgnore] public bool IsNhwc => string.Equals(Layout, "NHWC", StringComparison.OrdinalIgnoreCase);
    [JsonIgnore] public int InputWidth => Width ?? Size ?? 0;
    [JsonIgnore] public int InputHeight => Height ?? Size ?? 0;

    /// <summary>The members set here, the others from <paramref name="fallback"/>; a Size set here is both sides unless Width or Height is too.</summary>
    public OnnxPreprocessing Over(OnnxPreprocessing fallback) => new()
    {
        Size = Size ?? fallback.Size,
        Width = Width ?? (Size is not null ? null : fallback.Width),
        Height = Height ?? (Size is not null ? null : fallback.Height),
        Resize = Resize ?? fallback.Resize,
        ChannelOrder = ChannelOrder ?? fallback.ChannelOrder,
        Scale = Scale ?? fallback.Scale,
        Mean = Mean ?? fallback.Mean,
        Std = Std ?? fallback.Std,
        Layout = Layout ?? fallback.Layout,
    };

    /// <summary>
    /// Defaults for an input of shape [N, C, H, W] or [N, H, W, C] (-1 = dynamic): the layout is where the 3 is,
    /// the size is H x W (224 for a dynamic side; a model whose H and W differ gets Width and Height), RGB, bilinear, scale 1/255 and ImageNet's mean and std.
    /// </summary>
    public static OnnxPreprocessing InferFrom(IReadOnlyList<int> shape)
    {
        var nhwc = shape.Count == 4 && shape[3] == 3 && shape[1] != 3;
        var height = nhwc ? shape[1] : shape.Count == 4 ? shape[2] : -1;
        var width = nhwc ? shape[2] : shape.Count == 4 ? shape[3] : -1;
        var h = height > 0 ? height : width > 0 ? width : 224;
        var w = width > 0 ? width : h;
        return new OnnxPreprocessing
        {
            Size = h,
            Width = w != h ? w : null,
            Height = w != h ? h : null,
            Resize = "bilinear",
            ChannelOrder = "RGB",
            Scale = 1f / 255f,
            Mean = ImageNetMean,
            Std = ImageNetStd,
            Layout = nhwc ? "NHWC" : "NCHW",
        };
    }

    /// <exception cref="InvalidDataException">A member is missing or out of range; the message names it.</exception>
    public void Validate(string model)
    {
        if (Size is not (>= 1 and <= 4096)) Fail($"size {Size} is out of range (1..4096)");
        if (Width is not (null or (>= 1 and <= 4096))) Fail($"width {Width} is out of range (1..4096)");
        if (Height is not (null or (>= 1 and <= 4096))) Fail($"height {Height} is out of range (1..4096)");
        if (!ImageResize.IsKnown(Resize)) Fail($"resize '{Resize}' is not supported ({ImageResize.Bilinear} or {ImageResize.CenterCrop})");
        if (!(IsBgr || string.Equals(ChannelOrder, "RGB", StringComparison.OrdinalIgnoreCase))) Fail($"channel order '{ChannelOrder}' is not RGB or BGR");
        if (!(IsNhwc || string.Equals(Layout, "NCHW", StringComparison.OrdinalIgnoreCase))) Fail($"layout '{Layout}' is not NCHW or NHWC");
        if (Scale is not { } scale || !(scale > 0) || float.IsInfinity(scale)) Fail($"scale {Scale} is not a positive number");
        if (Mean is not { Length: 3 } || Mean.Any(float.IsNaN)) Fail("mean needs 3 numbers (R, G, B)");
        if (Std is not { Length: 3 } || Std.Any(s => !(s > 0))) Fail("std needs 3 positive numbers (R, G, B)");
        void Fail(string what) => throw new InvalidDataException($"Preprocessing for {model}: {what}.");
    }

    /// <summary>
    /// The same normalisation in the decoder's terms ((p/255 - m')/s'), so <see cref="DecodedBatchStream"/>
    /// produces the values and only the channel order and layout are left to <see cref="Arrange"/>.
    /// </summary>
    public ImagePreprocessing ToDecoding()
    {
        var k = 255f * Scale!.Value;
        return new ImagePreprocessing
        {
            Size = Size!.Value,
            Width = InputWidth != Size ? InputWidth : null,
            Height = InputHeight != Size ? InputHeight : null,
            Resize = Resize!.ToLowerInvariant(),
            Mean = Mean!.Select(m => m / k).ToArray(),
            Std = Std!.Select(s => s / k).ToArray(),
        };
    }

    /// <summary>Planar RGB images (count x 3 x H x W) into the model's channel order and layout.</summary>
    public void Arrange(ReadOnlySpan<float> planarRgb, Span<float> destination, int count)
    {
        var plane = InputWidth * InputHeight;
        Span<int> channel = IsBgr ? [2, 1, 0] : [0, 1, 2];
        for (var n = 0; n < count; n++)
        {
            var src = planarRgb.Slice(n * 3 * plane, 3 * plane);
            var dst = destination.Slice(n * 3 * plane, 3 * plane);
            for (var c = 0; c < 3; c++)
            {
                var from = src.Slice(channel[c] * plane, plane);
                if (!IsNhwc) { from.CopyTo(dst.Slice(c * plane, plane)); continue; }
                for (var i = 0; i < plane; i++) dst[i * 3 + c] = from[i];
            }
        }
    }

    /// <summary>A description from loose key/value pairs (a PowerShell hashtable, keys case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown key or a value of the wrong kind.</exception>
    public static OnnxPreprocessing FromValues(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var p = new OnnxPreprocessing();
        foreach (var (key, value) in values)
        {
            p = key.ToLowerInvariant() switch
            {
                "size" => p with { Size = (int)Number(key, value) },
                "width" => p with { Width = (int)Number(key, value) },
                "height" => p with { Height = (int)Number(key, value) },
                "resize" => p with { Resize = Convert.ToString(value, CultureInfo.InvariantCulture) },
                "channelorder" => p with { ChannelOrder = Convert.ToString(value, CultureInfo.InvariantCulture) },
                "scale" => p with { Scale = Number(key, value) },
                "mean" => p with { Mean = Numbers(key, value) },
                "std" => p with { Std = Numbers(key, value) },
                "layout" => p with { Layout = Convert.ToString(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown preprocessing key '{key}' (known: Size, Width, Height, Resize, ChannelOrder, Scale, Mean, Std, Layout)."),
            };
        }
        return p;
    }

    private static float Number(string key, object? value) => value is IConvertible c
        ? Convert.ToSingle(c, CultureInfo.InvariantCulture)
        : throw new ArgumentException($"Preprocessing '{key}' needs a number, not '{value}'.");

    private static float[] Numbers(string key, object? value) => value is System.Collections.IEnumerable list and not string
        ? list.Cast<object?>().Select(v => Number(key, v)).ToArray()
        : [Number(key, value)];
}

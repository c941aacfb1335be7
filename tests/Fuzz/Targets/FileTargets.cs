using System.Text;
using FiftyOneBrain.Formats;
using FiftyOneBrain.Models;
using SkiaSharp;

namespace FiftyOneBrain.Fuzz.Targets;

/// <summary>A reader of one whole file: .npy matrices, the .fomodel header, image headers and image decoding.</summary>
public sealed class FileTarget(string name, string fileName, Action<string> read, IReadOnlyDictionary<string, byte[]> seeds,
    Func<Exception, bool>? alsoExpected = null) : IFuzzTarget
{
    private Scratch? _scratch;

    public string Name => name;

    public IReadOnlyDictionary<string, byte[]> Seeds() => seeds;

    public void Run(byte[] input)
    {
        _scratch ??= new Scratch(name);
        _scratch.Write(fileName, input);
        ReaderErrors.Guard(() => read(_scratch[fileName]), alsoExpected);
    }
}

public static class FileTargets
{
    public static IFuzzTarget Npy() => new FileTarget("npy", "matrix.npy", path => NpyReader.ReadMatrix(path),
        Seeds.Binary(
            ("f4-c.npy", NpyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Floats(6, 4))),
            ("f8-fortran.npy", NpyFile(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }", Floats(6, 8))),
            ("v2.npy", NpyFile(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", Floats(2, 4))),
            ("v3.npy", NpyFile(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 1L), }", Floats(2, 4)))));

    /// <summary>A .npy file as numpy.save writes it: magic, version, header length, header padded to 64 bytes with a newline.</summary>
    private static byte[] NpyFile(byte major, string header, byte[] body)
    {
        var prefix = major == 1 ? 10 : 12;
        var padded = header.PadRight((prefix + header.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0 };
        bytes.AddRange(major == 1 ? BitConverter.GetBytes((ushort)padded.Length) : BitConverter.GetBytes(padded.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(padded));
        bytes.AddRange(body);
        return bytes.ToArray();
    }

    private static byte[] Floats(int count, int size) =>
        Enumerable.Range(0, count).SelectMany(i => size == 4 ? BitConverter.GetBytes(i * 0.5f) : BitConverter.GetBytes(i * 0.5)).ToArray();

    public static IFuzzTarget ModelHeader() => new FileTarget("fomodel", "model.fomodel", path => ModelFile.ReadHeader(path),
        Seeds.Binary(
            ("plain.fomodel", ModelBytes(new Models.ModelHeader { Classes = ["cat", "dog"], Width = 0.25 })),
            ("trained.fomodel", ModelBytes(new Models.ModelHeader
            {
                Classes = ["T-shirt/top", "Trouser", "Pullover"], Width = 1,
                Training = new TrainingRecord { LabelField = "ground_truth", Epochs = 2, BatchSize = 64, LearningRate = 0.01, Seed = 7, ValidationAccuracy = 0.9 },
            }))));

    /// <summary>A model file with a valid header and a few stand-in weight bytes (only the header is read).</summary>
    private static byte[] ModelBytes(Models.ModelHeader header)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fob-fuzz-seed-{Guid.NewGuid():N}.fomodel");
        try
        {
            ModelFile.Write(path, header, stream => stream.Write([1, 2, 3, 4]));
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }

    private static IReadOnlyDictionary<string, byte[]> ImageSeeds() => Seeds.Binary(
        ("rgb.png", Scratch.Image(8, 6)),
        ("photo.jpg", Scratch.Image(8, 6, SKEncodedImageFormat.Jpeg)),
        ("lossy.webp", Scratch.Image(4, 4, SKEncodedImageFormat.Webp)),
        ("one.gif", Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")),
        ("two.bmp", Bmp2x2()));

    /// <summary>A 2x2 24-bit BMP (SkiaSharp does not encode BMP).</summary>
    private static byte[] Bmp2x2()
    {
        byte[] pixels = [0, 0, 255, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0]; // 2 rows of 2 BGR pixels, each row padded to 8 bytes
        var bytes = new List<byte>();
        bytes.AddRange("BM"u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes(54 + pixels.Length));
        bytes.AddRange(BitConverter.GetBytes(0));
        bytes.AddRange(BitConverter.GetBytes(54));
        bytes.AddRange(BitConverter.GetBytes(40));
        bytes.AddRange(BitConverter.GetBytes(2));
        bytes.AddRange(BitConverter.GetBytes(2));
        bytes.AddRange(BitConverter.GetBytes((short)1));
        bytes.AddRange(BitConverter.GetBytes((short)24));
        bytes.AddRange(new byte[24]);
        bytes.AddRange(pixels);
        return bytes.ToArray();
    }

    /// <summary>ImageCheck.Inspect reports every bad image as a problem, so it must never throw.</summary>
    public static IFuzzTarget ImageHeader() => new FileTarget("image-header", "image.png", path => ImageCheck.Inspect(path, out _), ImageSeeds());

    /// <summary>The decoder documents IOException too for a file it cannot read (its callers report both per sample).</summary>
    public static IFuzzTarget ImageDecode()
    {
        var pixels = new byte[3 * 32 * 32];
        return new FileTarget("image-decode", "image.png", path => ImageDecoder.DecodePlanarRgb(path, 32, pixels), ImageSeeds(),
            alsoExpected: e => e is IOException);
    }
}

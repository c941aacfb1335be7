using System.IO.Compression;
using System.Text;

namespace FiftyOneBrain.ModuleTests.Gallery;

/// <summary>Writes small RGB PNG files, so module tests can make images without referencing the module's own libraries.</summary>
public static class TestPng
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>A diagonal two-colour gradient with a lighter square in the middle.</summary>
    public static void Write(string path, int width, int height, (byte R, byte G, byte B) from, (byte R, byte G, byte B) to)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (int y = 0, o = 0; y < height; y++)
        {
            raw[o++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var t = (x + y) / (double)(width + height - 2);
                var inner = x > width / 3 && x < 2 * width / 3 && y > height / 3 && y < 2 * height / 3;
                raw[o++] = Mix(from.R, to.R, t, inner);
                raw[o++] = Mix(from.G, to.G, t, inner);
                raw[o++] = Mix(from.B, to.B, t, inner);
            }
        }
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BigEndian(header, 0, (uint)width);
        BigEndian(header, 4, (uint)height);
        header[8] = 8;  // bits per channel
        header[9] = 2;  // colour type: RGB
        Chunk(file, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
            Chunk(file, "IDAT", compressed.ToArray());
        }
        Chunk(file, "IEND", []);
    }

    private static byte Mix(byte a, byte b, double t, bool lighter)
    {
        var v = a + (b - a) * t;
        return (byte)Math.Clamp(lighter ? v + (255 - v) * 0.45 : v, 0, 255);
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, (uint)data.Length);
        stream.Write(length);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(body);
        var crc = 0xFFFFFFFFu;
        foreach (var b in body) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        var tail = new byte[4];
        BigEndian(tail, 0, crc ^ 0xFFFFFFFFu);
        stream.Write(tail);
    }

    private static void BigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace FiftyOneBrain.Tests.Imaging;

/// <summary>Image files that decode paths must survive, made cheaply: huge headers cost a few kilobytes on disk.</summary>
internal static class BadImages
{
    /// <summary>
    /// A valid 1-bit greyscale PNG of <paramref name="width"/> x <paramref name="height"/> black pixels: every row
    /// is one filter byte and zeros, so deflate shrinks 30000 x 30000 (112 MB of rows) to about 100 KB.
    /// With <paramref name="rows"/> = 0 the IDAT holds no rows at all (the header alone claims the size).
    /// </summary>
    public static void WriteBlackPng(string path, int width, int height, int? rows = null)
    {
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1; // bit depth 1, colour type 0 (grey), deflate, adaptive filtering, no interlace
        WriteChunk(file, "IHDR", ihdr);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (width + 7) / 8];
            for (var y = 0; y < (rows ?? height); y++) zlib.Write(row);
        }
        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
    }

    /// <summary>A real small JPEG whose SOF0 header is patched to claim <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static void WriteJpegClaiming(string path, int width, int height)
    {
        var bytes = Encode(16, 16, SKEncodedImageFormat.Jpeg, SKColors.Olive);
        for (var i = 2; i < bytes.Length - 9; i++)
        {
            if (bytes[i] != 0xFF || bytes[i + 1] != 0xC0) continue;
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), (ushort)height);
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), (ushort)width);
            File.WriteAllBytes(path, bytes);
            return;
        }
        throw new InvalidOperationException("The encoder wrote no baseline SOF0 marker.");
    }

    /// <summary>An opaque image of one colour, encoded.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format, SKColor color, int quality = 95)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        stream.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        stream.Write(number);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}

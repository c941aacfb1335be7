using System.Buffers.Binary;
using System.IO.Compression;

namespace FiftyOneBrain.Formats;

/// <summary>
/// The IDX format of (Fashion-)MNIST: magic 0x0000 0x08 (unsigned bytes) &lt;ndims&gt;, then ndims big-endian
/// int32 sizes, then the bytes. Gzip is detected from the content, not the file name.
/// </summary>
public sealed class IdxFile
{
    private IdxFile(int[] dimensions, byte[] data)
    {
        Dimensions = dimensions;
        Data = data;
    }

    public int[] Dimensions { get; }
    public byte[] Data { get; }

    /// <exception cref="InvalidDataException">Not an unsigned-byte IDX file, or shorter than its header says.</exception>
    public static IdxFile Read(string path)
    {
        using var file = File.OpenRead(path);
        var gzip = IsGzip(file);
        using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        Span<byte> magic = stackalloc byte[4];
        ReadOrThrow(stream, magic, path);
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] is 0 or > 4)
            throw new InvalidDataException($"Not an unsigned-byte IDX file: {path}");
        var dims = new int[magic[3]];
        Span<byte> size = stackalloc byte[4];
        long total = 1;
        for (var d = 0; d < dims.Length; d++)
        {
            ReadOrThrow(stream, size, path);
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(size);
            if (dims[d] < 0) throw new InvalidDataException($"IDX dimension {d} is negative in {path}");
            total = Math.Min(total * dims[d], (long)Array.MaxLength + 1); // each factor is below 2^31: no overflow
        }
        if (total > Array.MaxLength) throw new InvalidDataException($"IDX file too large: {path}");
        // A damaged header must not make a small file allocate gigabytes (deflate expands at most 1032 times).
        if (total > (gzip ? file.Length * 1032 : file.Length - 4 - 4L * dims.Length))
            throw new InvalidDataException($"IDX file is truncated: {path}");
        var data = new byte[total];
        ReadOrThrow(stream, data, path);
        return new IdxFile(dims, data);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        var n = file.Read(head);
        file.Position = 0;
        return n == 2 && head[0] == 0x1F && head[1] == 0x8B;
    }

    private static void ReadOrThrow(Stream stream, Span<byte> buffer, string path)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new InvalidDataException($"IDX file is truncated: {path}"); }
    }

    /// <summary>Writes a gzipped unsigned-byte IDX file.</summary>
    public static void Write(string path, int[] dimensions, IEnumerable<byte> data)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Optimal);
        gz.Write([0, 0, 0x08, (byte)dimensions.Length]);
        Span<byte> size = stackalloc byte[4];
        foreach (var d in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(size, d);
            gz.Write(size);
        }
        gz.Write(data.ToArray());
    }

    /// <summary>The images of a 3-d IDX file (count x rows x cols), grey.</summary>
    public IImageArray AsImages(string path)
    {
        if (Dimensions.Length != 3) throw new InvalidDataException($"Expected an images IDX file (3 dimensions), found {Dimensions.Length}: {path}");
        if (Dimensions[0] > 0 && (Dimensions[1] == 0 || Dimensions[2] == 0))
            throw new InvalidDataException($"IDX images of {Dimensions[1]} x {Dimensions[2]} pixels: no pixels to unpack: {path}");
        return new GreyImages(Dimensions[0], Dimensions[1], Dimensions[2], Data);
    }

    private sealed class GreyImages(int count, int height, int width, byte[] data) : IImageArray
    {
        public int Count => count;
        public int Width => width;
        public int Height => height;
        public int Channels => 1;
        public void CopyPixels(int index, Span<byte> destination) =>
            data.AsSpan(index * width * height, width * height).CopyTo(destination);
    }
}

using System.Text;
using System.Text.Json;

namespace FiftyOneBrain.Models;

/// <summary>
/// The one-file model format (.fomodel): 8 magic bytes "FOMODEL1", a little-endian int32 length, that
/// many bytes of UTF-8 JSON (<see cref="ModelHeader"/>), then TorchSharp's state-dict stream of the weights.
/// </summary>
public static class ModelFile
{
    public const string Extension = ".fomodel";
    private static readonly byte[] Magic = "FOMODEL1"u8.ToArray();
    private const int MaxHeaderBytes = 1 << 20;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads and checks only the header (no libtorch needed), so bad files fail before any work.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a model file, a damaged one, or an architecture this version cannot build.</exception>
    public static ModelHeader ReadHeader(string path)
    {
        using var stream = OpenExisting(path);
        return ReadHeader(stream, path);
    }

    internal static ModelHeader ReadHeader(Stream stream, string path)
    {
        var magic = new byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"Not a FiftyOneBrain model file (no FOMODEL1 signature): {path}");
        var lengthBytes = new byte[4];
        if (stream.ReadAtLeast(lengthBytes, 4, throwOnEndOfStream: false) != 4)
            throw new InvalidDataException($"Model file is truncated: {path}");
        var length = BitConverter.ToInt32(lengthBytes);
        if (length <= 0 || length > MaxHeaderBytes) throw new InvalidDataException($"Model file header is damaged (length {length}): {path}");
        var json = new byte[length];
        if (stream.ReadAtLeast(json, length, throwOnEndOfStream: false) != length)
            throw new InvalidDataException($"Model file is truncated: {path}");
        ModelHeader? header;
        try { header = JsonSerializer.Deserialize<ModelHeader>(json, Json); }
        catch (JsonException e) { throw new InvalidDataException($"Model file header is not valid JSON ({e.Message}): {path}", e); }
        if (header is null) throw new InvalidDataException($"Model file header is empty: {path}");
        Validate(header, path);
        return header;
    }

    private static void Validate(ModelHeader header, string path)
    {
        if (!string.Equals(header.Architecture, SimpleResNetShape.ArchitectureName, StringComparison.Ordinal))
            throw new InvalidDataException($"Model architecture '{header.Architecture}' is not supported (supported: {SimpleResNetShape.ArchitectureName}): {path}");
        if (header.Classes is null || header.Classes.Length < 2)
            throw new InvalidDataException($"Model file lists {header.Classes?.Length ?? 0} classes; a classifier needs at least 2: {path}");
        if (header.Classes.Distinct(StringComparer.Ordinal).Count() != header.Classes.Length)
            throw new InvalidDataException($"Model file lists a class twice: {path}");
        if (!(header.Width > 0) || header.Width > 4)
            throw new InvalidDataException($"Model width {header.Width} is out of range: {path}");
        if (header.Preprocessing is null) throw new InvalidDataException($"Model file header has no preprocessing: {path}");
        header.Preprocessing.Validate();
    }

    /// <summary>Header and weights to <paramref name="path"/>, via a temporary file renamed into place.</summary>
    public static void Write(string path, ModelHeader header, Action<Stream> writeWeights)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
                stream.Write(Magic);
                stream.Write(BitConverter.GetBytes(json.Length));
                stream.Write(json);
                writeWeights(stream);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    internal static FileStream OpenExisting(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {path}", path);
        return File.OpenRead(path);
    }
}

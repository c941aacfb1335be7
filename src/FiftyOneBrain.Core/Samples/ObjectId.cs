using System.Security.Cryptography;

namespace FiftyOneBrain.Samples;

/// <summary>24-hex identifiers shaped like MongoDB ObjectIds, which FiftyOne uses for samples and labels.</summary>
public static class ObjectId
{
    private static int _counter = RandomNumberGenerator.GetInt32(0, 1 << 24);
    private static readonly byte[] Process = RandomNumberGenerator.GetBytes(5);

    public static string New()
    {
        Span<byte> b = stackalloc byte[12];
        var seconds = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        b[0] = (byte)(seconds >> 24); b[1] = (byte)(seconds >> 16); b[2] = (byte)(seconds >> 8); b[3] = (byte)seconds;
        Process.CopyTo(b[4..9]);
        var c = Interlocked.Increment(ref _counter);
        b[9] = (byte)(c >> 16); b[10] = (byte)(c >> 8); b[11] = (byte)c;
        return Convert.ToHexString(b).ToLowerInvariant();
    }

    public static bool IsValid(string? id) => id is { Length: 24 } && id.All(Uri.IsHexDigit);
}

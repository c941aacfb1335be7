using System.Security.Cryptography;

namespace FiftyOneBrain.Brain;

/// <summary>
/// Byte-identical files: SHA-256 of each file's content, read in a stream (never the whole file in memory). In each
/// group of equal hashes the first sample in input order is kept and the others are its duplicates. Files are hashed
/// on a few threads, since a disk or page cache serves parallel reads faster than one.
/// </summary>
public static class ExactDuplicates
{
    /// <summary>The SHA-256 of each path; where a file cannot be read its hash is null and its failure says why.</summary>
    public static (byte[]?[] Hashes, Exception?[] Failures) Hash(IReadOnlyList<string> paths, CancellationToken cancel = default)
    {
        var hashes = new byte[]?[paths.Count];
        var failures = new Exception?[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, i =>
        {
            try
            {
                // No FileStream buffer (0): HashData reads in its own pooled chunks, so nothing is allocated per file.
                using var stream = new FileStream(paths[i], FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
                hashes[i] = SHA256.HashData(stream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures[i] = e;
            }
        });
        return (hashes, failures);
    }

    /// <summary>duplicateOf[i]: the index of the first earlier sample with the same hash, or -1 (kept, or no hash).</summary>
    public static int[] Group(IReadOnlyList<byte[]?> hashes)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var of = new int[hashes.Count];
        for (var i = 0; i < hashes.Count; i++)
        {
            of[i] = -1;
            if (hashes[i] is not { } hash) continue;
            var key = Convert.ToHexString(hash);
            if (first.TryGetValue(key, out var keeper)) of[i] = keeper;
            else first[key] = i;
        }
        return of;
    }
}

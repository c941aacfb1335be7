using System.Runtime.InteropServices;
using System.Text;

namespace FiftyOneBrain.ModuleTests;

public sealed class MeasureFoUniquenessTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    private static string WriteNpy(float[] data, int rows, int columns)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        header = header.PadRight(header.Length + (64 - (11 + header.Length) % 64) % 64) + "\n";
        var path = Path.Combine(Path.GetTempPath(), $"fo-uniq-{Guid.NewGuid():N}.npy");
        using var f = File.Create(path);
        f.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        f.Write(BitConverter.GetBytes((ushort)header.Length));
        f.Write(Encoding.ASCII.GetBytes(header));
        f.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        return path;
    }

    private const string FivePoints = """
        $points = @(@(2, 0), @(0, 1), @(-1, 0), @(0, -1), @(-1, 0))
        $i = 0
        $samples = foreach ($p in $points) { New-FoSample "/data/$i.png" -Fields @{ embedding = [double[]]$p }; $i++ }
        """;

    [Fact]
    public void Uniqueness_from_an_embedding_field_by_hand()
    {
        // cosine distances of centred points; nearest three: (1,1,2) (1,1,1) (0,1,1) (1,1,1) (0,1,1) -> divided by 1.1/3
        var output = session.RunClean(FivePoints + """
            $samples | Measure-FoUniqueness -EmbeddingField embedding | ForEach-Object { [math]::Round($_.uniqueness, 12) }
            """);
        Assert.Equal(new[] { 1.0, 1 / 1.1, 0.4 / 1.1, 1 / 1.1, 0.4 / 1.1 }.Select(v => Math.Round(v, 12)), output.Select(o => (double)o.BaseObject));
    }

    [Fact]
    public void Uniqueness_from_an_npy_file_in_input_order_with_euclidean_distance()
    {
        var path = WriteNpy(new float[] { 0, 1, 3, 7, 15 }, 5, 1);
        try
        {
            var output = session.RunClean("""
                0..4 | ForEach-Object { New-FoSample "/data/$_.png" } |
                    Measure-FoUniqueness -Embeddings $npy -Metric Euclidean -UniquenessField u |
                    Where-Object u -gt 0.4 | ForEach-Object { '{0} {1:R}' -f $_.Filepath, $_.u }
                """, new Dictionary<string, object?> { ["npy"] = path });
            Assert.Equal(new object[] { "/data/3.png 0.5", "/data/4.png 1" }, output.Select(o => o.BaseObject).ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Three_samples_are_all_unique()
    {
        var output = session.RunClean("""
            1..3 | ForEach-Object { New-FoSample "/data/$_.png" -Fields @{ e = [double[]]@($_, 0) } } | Measure-FoUniqueness -EmbeddingField e | ForEach-Object uniqueness
            """);
        Assert.Equal(new object[] { 1.0, 1.0, 1.0 }, output.Select(o => o.BaseObject).ToArray());
    }

    [Theory]
    [InlineData("$samples[3].PSObject.BaseObject.RemoveField('embedding') | Out-Null", "MissingEmbedding")]
    [InlineData("$samples[3].embedding = [double[]]@(1, 2, 3)", "EmbeddingLengthMismatch")]
    [InlineData("$samples[3].embedding = [double[]]@(1, [double]::NaN)", "NonFiniteEmbedding")]
    public void Bad_embedding_fields_stop_the_run_and_write_nothing(string spoil, string errorId)
    {
        var result = session.Run(FivePoints + spoil + """

            $samples | Measure-FoUniqueness -EmbeddingField embedding
            ($samples | Where-Object { $_.PSObject.BaseObject.HasField('uniqueness') }).Count
            """);
        Assert.Equal(new object[] { 0 }, result.Output.Select(o => o.BaseObject).ToArray());
        var error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},FiftyOneBrain.PowerShell.Commands.MeasureFoUniquenessCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void An_npy_file_of_the_wrong_shape_is_a_clear_error()
    {
        var path = WriteNpy(new float[] { 0, 1, 3, 7, 15, 16 }, 6, 1);
        try
        {
            var result = session.Run("""
                0..4 | ForEach-Object { New-FoSample "/data/$_.png" } | Measure-FoUniqueness -Embeddings $npy
                Measure-FoUniqueness -Embeddings /nonexistent/e.npy -InputObject (New-FoSample /data/x.png)
                """, new Dictionary<string, object?> { ["npy"] = path });
            Assert.Empty(result.Output);
            Assert.Equal(new[] { "EmbeddingsCountMismatch", "EmbeddingsFileNotFound" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToArray());
            Assert.Contains("has 6 rows but 5 sample(s) came in", result.Errors[0].Exception.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Empty_input_writes_nothing() =>
        Assert.Empty(session.RunClean("@() | Measure-FoUniqueness -EmbeddingField e"));
}

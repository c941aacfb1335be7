using System.Runtime.InteropServices;
using FiftyOneBrain.Brain;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Brain;

public sealed class EmbeddingSourceTests
{
    private static Sample With(string id, object? embedding)
    {
        var s = new Sample($"/data/{id}.png", id);
        if (embedding is not null) s.SetField("emb", embedding);
        return s;
    }

    [Fact]
    public void Field_source_reads_double_and_float_rows_in_sample_order()
    {
        var source = new FieldEmbeddingSource("emb");
        var m = source.Load(new[] { With("a", new[] { 1.5, -2.0 }), With("b", new float[] { 3, 4 }), With("c", new[] { 0.25, 1e30 }) });
        Assert.Equal((3, 2), (m.Rows, m.Columns));
        Assert.Equal(new float[] { 1.5f, -2, 3, 4, 0.25f, 1e30f }, m.Data);
        Assert.Equal("field 'emb'", source.Description);
    }

    [Fact]
    public void Field_source_of_no_samples_is_an_empty_matrix()
    {
        var m = new FieldEmbeddingSource("emb").Load(Array.Empty<Sample>());
        Assert.Equal((0, 0, 0), (m.Rows, m.Columns, m.Data.Length));
    }

    [Fact]
    public void Field_source_names_the_first_three_samples_without_an_embedding()
    {
        var samples = new[]
        {
            With("a", new[] { 1.0 }), With("b", null), With("c", "text"), With("d", new[] { 1 }), With("e", null), With("f", new[] { 2.0 }),
        };
        var e = Assert.Throws<BrainInputException>(() => new FieldEmbeddingSource("emb").Load(samples));
        Assert.Equal("MissingEmbedding", e.ErrorId);
        Assert.Equal("4 of 6 sample(s) have no numeric array in field 'emb' (first: 'b', 'c', 'd'); every sample needs an embedding.", e.Message);
    }

    [Fact]
    public void Field_source_rejects_an_empty_first_embedding()
    {
        var e = Assert.Throws<BrainInputException>(() => new FieldEmbeddingSource("emb").Load(new[] { With("a", Array.Empty<double>()), With("b", new[] { 1.0 }) }));
        Assert.Equal("EmptyEmbedding", e.ErrorId);
        Assert.Equal("Sample 'a' field 'emb' is an empty array.", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Field_source_rejects_rows_of_another_length(int length)
    {
        var samples = new[] { With("a", new[] { 1.0, 2.0 }), With("b", new float[] { 1, 2 }), With("c", new double[length]) };
        var e = Assert.Throws<BrainInputException>(() => new FieldEmbeddingSource("emb").Load(samples));
        Assert.Equal("EmbeddingLengthMismatch", e.ErrorId);
        Assert.Equal($"Sample 'c' field 'emb' has {length} values but sample 'a' has 2; all embeddings must have one length.", e.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(-1e300, "-Infinity")] // finite as a double, infinite once narrowed to float32
    public void Field_source_rejects_non_finite_values_in_the_last_column_of_a_later_row(double bad, string shown)
    {
        var samples = new[] { With("a", new[] { 1.0, 2.0 }), With("b", new[] { 3.0, bad }) };
        var e = Assert.Throws<BrainInputException>(() => new FieldEmbeddingSource("emb").Load(samples));
        Assert.Equal("NonFiniteEmbedding", e.ErrorId);
        Assert.StartsWith("Sample 'b' field 'emb' holds ", e.Message);
        Assert.Contains(shown, e.Message);
        Assert.EndsWith("embeddings must be finite (and fit in float32).", e.Message);
    }

    [Fact]
    public void Field_source_rejects_nan_in_a_float_row()
    {
        var samples = new[] { With("a", new float[] { 1, 2 }), With("b", new[] { float.NaN, 0f }) };
        Assert.Equal("NonFiniteEmbedding", Assert.Throws<BrainInputException>(() => new FieldEmbeddingSource("emb").Load(samples)).ErrorId);
    }

    private static string WriteNpy(float[] values, int rows, int columns)
    {
        var path = Path.Combine(Path.GetTempPath(), $"emb-{Guid.NewGuid():N}.npy");
        File.WriteAllBytes(path, NpyReaderTests.Npy("<f4", $"({rows}, {columns})", MemoryMarshal.AsBytes(values.AsSpan())));
        return path;
    }

    private static Sample[] Samples(int n) => Enumerable.Range(0, n).Select(i => new Sample($"/data/{i}.png")).ToArray();

    [Fact]
    public void Npy_source_returns_the_matrix_when_rows_match_the_samples()
    {
        var path = WriteNpy(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
        try
        {
            var source = new NpyEmbeddingSource(path);
            var m = source.Load(Samples(3));
            Assert.Equal((3, 2), (m.Rows, m.Columns));
            Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, m.Data);
            Assert.Equal($"file '{path}'", source.Description);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Npy_source_says_how_many_rows_and_samples_there_are()
    {
        var path = WriteNpy(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
        try
        {
            var e = Assert.Throws<BrainInputException>(() => new NpyEmbeddingSource(path).Load(Samples(2)));
            Assert.Equal("EmbeddingsCountMismatch", e.ErrorId);
            Assert.Equal($"{path} has 3 rows but 2 sample(s) came in; row i must be the embedding of the i-th sample.", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 1)]
    [InlineData(5, 2)] // the very last value
    public void Npy_source_names_the_row_of_a_non_finite_value(int at, int row)
    {
        var values = new float[] { 1, 2, 3, 4, 5, 6 };
        values[at] = float.NaN;
        var path = WriteNpy(values, 3, 2);
        try
        {
            var e = Assert.Throws<BrainInputException>(() => new NpyEmbeddingSource(path).Load(Samples(3)));
            Assert.Equal("NonFiniteEmbedding", e.ErrorId);
            Assert.Equal($"{path} row {row} holds NaN; embeddings must be finite.", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Npy_source_turns_a_malformed_file_into_an_input_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emb-{Guid.NewGuid():N}.npy");
        File.WriteAllBytes(path, NpyReaderTests.Npy("<f4", "(3,)", new byte[12]));
        try
        {
            var e = Assert.Throws<BrainInputException>(() => new NpyEmbeddingSource(path).Load(Samples(3)));
            Assert.Equal("InvalidEmbeddingsFile", e.ErrorId);
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }
}

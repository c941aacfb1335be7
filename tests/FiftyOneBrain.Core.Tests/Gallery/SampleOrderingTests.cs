using FiftyOneBrain.Gallery;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Gallery;

public sealed class SampleOrderingTests
{
    private static Sample S(string name, object? score, double? confidence = null)
    {
        var s = new Sample($"/data/{name}.png");
        if (score is not null) s.SetField("mistakenness", score);
        if (confidence is not null) s.SetField("predictions", new Classification("cat", confidence));
        return s;
    }

    private static string Names(IEnumerable<Sample> samples) => string.Join(",", samples.Select(s => Path.GetFileNameWithoutExtension(s.Filepath)));

    [Fact]
    public void Without_a_sort_field_input_order_is_kept_and_First_cuts_it()
    {
        var samples = new[] { S("a", 0.5), S("b", 0.1), S("c", 0.9) };
        Assert.Equal("a,b,c", Names(SampleOrdering.SortAndTake(samples, null, false, null)));
        Assert.Equal("a,b", Names(SampleOrdering.SortAndTake(samples, null, true, 2)));
    }

    [Fact]
    public void Sorts_both_ways_with_missing_and_NaN_values_last_and_ties_in_input_order()
    {
        var samples = new[] { S("a", 0.5), S("none", null), S("b", 0.1), S("tie1", 0.7), S("nan", double.NaN), S("tie2", 0.7), S("c", 0.9) };
        Assert.Equal("b,a,tie1,tie2,c,none,nan", Names(SampleOrdering.SortAndTake(samples, "mistakenness", false, null)));
        Assert.Equal("c,tie1,tie2,a,b,none,nan", Names(SampleOrdering.SortAndTake(samples, "mistakenness", true, null)));
    }

    [Fact]
    public void Top_N_takes_the_highest_scores_never_blanks()
    {
        var samples = new[] { S("none", null), S("a", 0.2), S("b", 0.8), S("c", 0.5) };
        Assert.Equal("b,c", Names(SampleOrdering.SortAndTake(samples, "mistakenness", true, 2)));
    }

    [Fact]
    public void Field_names_match_case_insensitively_and_integers_count_as_numbers()
    {
        var samples = new[] { S("a", 3L), S("b", 1L), S("c", 2) };
        Assert.Equal("b,c,a", Names(SampleOrdering.SortAndTake(samples, "MISTAKENNESS", false, null)));
    }

    [Fact]
    public void A_classification_confidence_sorts_as_label_field_dot_confidence()
    {
        var samples = new[] { S("a", null, 0.6), S("b", null, 0.95), S("c", null, 0.3) };
        Assert.Equal("b,a,c", Names(SampleOrdering.SortAndTake(samples, "predictions.confidence", true, null)));
    }

    [Fact]
    public void Sorting_by_a_field_no_sample_has_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => SampleOrdering.SortAndTake(new[] { S("a", 0.1) }, "uniqueness", false, null));
        Assert.Contains("uniqueness", e.Message);
    }
}

using FiftyOneBrain.Gates;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Gates;

public class DatasetGateTests
{
    private static Sample With(string name, double? mistakenness, double? uniqueness = null)
    {
        var s = new Sample($"/img/{name}.png");
        if (mistakenness is { } m) s.SetField("mistakenness", m);
        if (uniqueness is { } u) s.SetField("uniqueness", u);
        return s;
    }

    [Fact]
    public void Counts_violations_and_orders_the_worst_by_excess()
    {
        var samples = new[] { With("a", 0.95), With("b", 0.5), With("c", 0.99), With("d", 0.9) };
        var result = DatasetGate.Evaluate(samples, new[] { new GateCheck("mistakenness", Max: 0.9) }, maxCount: 1);
        Assert.False(result.Passed);
        Assert.Equal(2, result.Violating); // 0.9 itself is within the bound
        Assert.Equal(new[] { "/img/c.png", "/img/a.png" }, result.Worst.Select(v => v.Sample.Filepath));
        Assert.Contains("/img/c.png (mistakenness = 0.99)", result.Summary);
    }

    [Fact]
    public void A_sample_breaking_two_bounds_counts_once_with_its_worst_excess()
    {
        var samples = new[] { With("a", 0.95, 0.01) };
        var result = DatasetGate.Evaluate(samples, new[] { new GateCheck("mistakenness", Max: 0.9), new GateCheck("uniqueness", Min: 0.5) }, 0);
        Assert.Equal(1, result.Violating);
        Assert.Equal("uniqueness", Assert.Single(result.Worst).Field);
    }

    [Fact]
    public void Missing_scores_are_counted_not_judged()
    {
        var result = DatasetGate.Evaluate(new[] { With("a", null), With("b", 0.1) }, new[] { new GateCheck("mistakenness", Max: 0.5) }, 0);
        Assert.True(result.Passed);
        Assert.Equal(1, result.MissingValues);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_NaN_score_is_a_violation_of_either_kind_of_bound(bool lowerBound)
    {
        var check = lowerBound ? new GateCheck("uniqueness", Min: 0.1) : new GateCheck("mistakenness", Max: 0.9);
        var nan = With("nan", lowerBound ? 0.5 : double.NaN, lowerBound ? double.NaN : null);
        var result = DatasetGate.Evaluate(new[] { With("ok", 0.1, 0.5), nan }, new[] { check }, 0);
        Assert.False(result.Passed);
        Assert.Equal(1, result.Violating);
        Assert.Same(nan, Assert.Single(result.Worst).Sample);
        Assert.Contains("/img/nan.png", result.Summary);
    }
}

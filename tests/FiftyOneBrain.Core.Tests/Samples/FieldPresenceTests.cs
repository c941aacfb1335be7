using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Samples;

public sealed class FieldPresenceTests
{
    private static Sample With(int i, params string[] fields)
    {
        var s = new Sample($"/data/{i}.png");
        foreach (var f in fields) s.SetField(f, 1.0);
        return s;
    }

    [Fact]
    public void Holds_the_first_samples_then_releases_them_in_order_and_streams_the_rest()
    {
        var presence = new FieldPresence(["p"], decideAfter: 3);
        var samples = Enumerable.Range(0, 5).Select(i => With(i, i == 1 ? [] : ["p"])).ToArray();
        Assert.Empty(presence.Pass(samples[0]));
        Assert.Empty(presence.Pass(samples[1]));
        Assert.Equal(samples[..3], presence.Pass(samples[2]));
        Assert.True(presence.Decided);
        Assert.False(presence.DecidedOnAll);
        Assert.Null(presence.Absent);
        Assert.Equal([samples[3]], presence.Pass(samples[3]));
        Assert.Equal([samples[4]], presence.Pass(samples[4]));
        Assert.Empty(presence.Finish());
        Assert.Equal([("p", 1L)], presence.PartlyMissing());
    }

    [Fact]
    public void A_field_none_of_the_first_samples_has_is_absent_and_the_existing_fields_are_named()
    {
        var presence = new FieldPresence(["groundtruth", "p"], decideAfter: 2);
        Assert.Empty(presence.Pass(With(0, "ground_truth", "p")));
        Assert.Equal(2, presence.Pass(With(1, "p", "extra")).Count);
        Assert.Equal("groundtruth", presence.Absent);
        Assert.Equal(2, presence.DecidedOn);
        Assert.Equal(["ground_truth", "p", "extra"], presence.ExistingFields);
    }

    [Fact]
    public void A_short_input_is_decided_at_the_end_on_all_of_it()
    {
        var presence = new FieldPresence(["p"]);
        Assert.Empty(presence.Pass(With(0)));
        var held = presence.Finish();
        Assert.Single(held);
        Assert.True(presence.DecidedOnAll);
        Assert.Equal("p", presence.Absent);
        Assert.Empty(presence.PartlyMissing());
    }

    [Fact]
    public void Of_decides_on_buffered_samples_and_an_empty_input_has_nothing_absent()
    {
        Assert.Equal("h", FieldPresence.Of([With(0, "m"), With(1, "m")], "m", "h").Absent);
        Assert.Null(FieldPresence.Of(Array.Empty<Sample>(), "m").Absent);
        var empty = new FieldPresence(["m"]);
        Assert.Empty(empty.Finish());
        Assert.Null(empty.Absent);
    }
}

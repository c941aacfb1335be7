using FiftyOneBrain.Gallery;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Gallery;

public sealed class CurationFieldsTests
{
    private static readonly Thumbnail Thumb = new("data:image/png;base64,AAAA", 96, 48, 300, 150, null);

    private static GalleryCard CardOf(Sample s, GalleryOptions? options = null) =>
        GalleryModelBuilder.Build(new[] { s }, new[] { Thumb }, options ?? new GalleryOptions(), 1).Samples[0];

    [Fact]
    public void A_map_point_is_the_first_two_coordinates_as_single_precision()
    {
        var s = new Sample("/data/a.png");
        s.SetField("visualization", new[] { 1.25, -3.5, 9.0 });
        var card = CardOf(s);
        Assert.Equal(new[] { 1.25f, -3.5f }, card.Point);

        var model = GalleryModelBuilder.Build(new[] { s }, new[] { Thumb }, new GalleryOptions(), 1);
        Assert.Equal("visualization", model.MapField);
    }

    [Theory]
    [InlineData(new[] { 1.0 })]
    [InlineData(new[] { double.NaN, 2.0 })]
    [InlineData(new[] { 1.0, double.PositiveInfinity })]
    public void A_point_without_two_finite_numbers_is_left_off_the_map(double[] values)
    {
        var s = new Sample("/data/a.png");
        s.SetField("visualization", values);
        Assert.Null(CardOf(s).Point);
        Assert.Null(GalleryModelBuilder.Build(new[] { s }, new[] { Thumb }, new GalleryOptions(), 1).MapField);
    }

    [Fact]
    public void The_map_field_is_matched_case_insensitively_and_can_be_renamed()
    {
        var s = new Sample("/data/a.png");
        s.SetField("UMAP_2d", new[] { 0.5f, 0.25f });
        Assert.Null(CardOf(s).Point);
        Assert.Equal(new[] { 0.5f, 0.25f }, CardOf(s, new GalleryOptions { MapField = "umap_2d" }).Point);
    }

    [Fact]
    public void Duplicate_leak_and_issue_fields_reach_the_card()
    {
        var s = new Sample("/data/a.png");
        s.SetField("duplicate_of", "65a1");
        s.SetField("leak", true);
        s.SetField("leak_of", "65b2");
        s.SetField("image_issues", new[] { "dark", "blurry", "dark", "" });
        var card = CardOf(s);
        Assert.Equal("65a1", card.DuplicateOf);
        Assert.True(card.Leak);
        Assert.Equal("65b2", card.LeakOf);
        Assert.Equal(new[] { "dark", "blurry" }, card.Issues);
    }

    [Fact]
    public void No_leak_and_no_issues_leave_the_card_without_them()
    {
        var s = new Sample("/data/a.png");
        s.SetField("leak", false);
        s.SetField("image_issues", Array.Empty<string>());
        var card = CardOf(s);
        Assert.Null(card.Leak);
        Assert.Null(card.Issues);
    }

    [Fact]
    public void A_relabeled_sample_shows_the_label_before_from_the_original_field()
    {
        var s = new Sample("/data/a.png");
        s.Tags.Add("relabeled");
        s.SetField("ground_truth", new Classification("Shirt"));
        s.SetField("ground_truth_original", new Classification("T-shirt/top"));
        var relabel = CardOf(s).Relabel;
        Assert.NotNull(relabel);
        Assert.Equal(("ground_truth", "T-shirt/top", "Shirt"), (relabel!.Field, relabel.From, relabel.To));
    }

    [Fact]
    public void Without_the_relabeled_tag_or_with_an_unchanged_label_there_is_no_relabel()
    {
        var noisy = new Sample("/data/a.png");
        noisy.SetField("ground_truth", new Classification("Shirt"));
        noisy.SetField("ground_truth_original", new Classification("Coat"));
        Assert.Null(CardOf(noisy).Relabel);

        var same = new Sample("/data/b.png");
        same.Tags.Add("relabeled");
        same.SetField("ground_truth", new Classification("Coat"));
        same.SetField("ground_truth_original", new Classification("Coat"));
        Assert.Null(CardOf(same).Relabel);
    }
}

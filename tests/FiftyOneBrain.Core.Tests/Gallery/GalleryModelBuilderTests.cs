using FiftyOneBrain.Gallery;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Gallery;

public sealed class GalleryModelBuilderTests
{
    private static readonly Thumbnail Thumb = new("data:image/png;base64,AAAA", 96, 48, 300, 150, null);

    private static Sample Classified(string name, string truth, string predicted, double confidence, double mistakenness, params string[] tags)
    {
        var s = new Sample($"/data/{name}");
        s.Tags.AddRange(tags);
        s.SetField("ground_truth", new Classification(truth));
        s.SetField("predictions", new Classification(predicted, confidence));
        s.SetField("mistakenness", mistakenness);
        return s;
    }

    [Fact]
    public void Finds_score_label_and_text_fields_in_first_seen_order()
    {
        var a = Classified("a.png", "cat", "dog", 0.8, 0.9, "train");
        a.SetField("embedding", new[] { 1.0, 2.0 });
        var b = Classified("b.png", "dog", "dog", 0.6, 0.2);
        b.SetField("uniqueness", 0.4);
        b.SetField("source", "camera 2");
        b.SetField("possible_missing", 2L);

        var model = GalleryModelBuilder.Build(new[] { a, b }, new[] { Thumb, Thumb }, new GalleryOptions(), inputCount: 5);

        Assert.Equal(new[] { "mistakenness", "uniqueness", "possible_missing", "predictions.confidence" }, model.ScoreFields);
        Assert.Equal(new[] { "ground_truth", "predictions" }, model.LabelFields);
        Assert.Equal(new[] { "source" }, model.TextFields);
        Assert.Equal("ground_truth", model.GroundTruthField);
        Assert.Equal("predictions", model.PredictionField);
        Assert.Equal(5, model.InputCount);

        var card = model.Samples[0];
        Assert.Equal("a.png", card.Name);
        Assert.Equal("/data/a.png", card.Path);
        Assert.Equal(new[] { "train" }, card.Tags);
        Assert.Equal(new Dictionary<string, double> { ["mistakenness"] = 0.9, ["predictions.confidence"] = 0.8 }, card.Scores);
        Assert.Equal("classification", card.Labels["predictions"].Type);
        Assert.Equal(new[] { "dog" }, card.Labels["predictions"].Labels);
        Assert.Equal(0.8, card.Labels["predictions"].Confidence);
        Assert.Null(card.Info);
        Assert.Equal("camera 2", model.Samples[1].Info!["source"]);
        Assert.Equal(2.0, model.Samples[1].Scores["possible_missing"]);
        Assert.Equal((96, 48, 300, 150), (card.ThumbWidth, card.ThumbHeight, card.Width, card.Height));
    }

    [Fact]
    public void Fields_limits_the_page_but_keeps_the_sort_field_and_a_listed_labels_confidence()
    {
        var a = Classified("a.png", "cat", "dog", 0.8, 0.9);
        a.SetField("uniqueness", 0.3);
        a.SetField("hardness", 1.2);
        var options = new GalleryOptions { Fields = new[] { "Predictions", "UNIQUENESS" }, SortBy = "hardness" };

        var model = GalleryModelBuilder.Build(new[] { a }, new Thumbnail?[] { null }, options, 1);

        Assert.Equal(new[] { "uniqueness", "hardness", "predictions.confidence" }, model.ScoreFields);
        Assert.Equal(new[] { "predictions" }, model.LabelFields);
        Assert.Null(model.GroundTruthField);
        Assert.Equal("hardness", model.SortBy);
        Assert.False(model.Samples[0].Labels.ContainsKey("ground_truth"));
    }

    [Fact]
    public void Detections_become_objects_with_boxes_and_scalar_attributes()
    {
        var s = new Sample("/data/street.jpg");
        var car = new Detection("car", new[] { 0.1, 0.2, 0.3, 0.4 }, 0.9);
        car.SetField("mistakenness", 0.75);
        car.SetField("possible_missing", true);
        car.SetField("logits_copy", new[] { 1.0, 2.0 });
        s.SetField("ground_truth", new Detections(new[] { car, new Detection("car", new[] { 0.5, 0.5, 0.1, 0.1 }), new Detection("person", new[] { 0, 0, 0.2, 0.9 }) }));

        var label = GalleryModelBuilder.Build(new[] { s }, new[] { Thumb }, new GalleryOptions(), 1).Samples[0].Labels["ground_truth"];

        Assert.Equal("detections", label.Type);
        Assert.Equal(new[] { "car", "person" }, label.Labels);
        Assert.Equal(3, label.Objects!.Count);
        Assert.Equal(new[] { 0.1, 0.2, 0.3, 0.4 }, label.Objects[0].Box);
        Assert.Equal(0.9, label.Objects[0].Confidence);
        Assert.Equal(new Dictionary<string, object> { ["mistakenness"] = 0.75, ["possible_missing"] = true }, label.Objects[0].Attributes);
        Assert.Null(label.Objects[1].Attributes);
    }

    [Fact]
    public void Non_finite_scores_are_left_out_and_a_failed_thumbnail_keeps_its_card_with_the_reason()
    {
        var s = Classified("gone.png", "cat", "cat", double.NaN, double.PositiveInfinity);
        var failed = Thumbnail.Failed(new FileNotFoundException("Could not find file '/data/gone.png'."));

        var model = GalleryModelBuilder.Build(new[] { s }, new[] { failed }, new GalleryOptions(), 1);

        var card = Assert.Single(model.Samples);
        Assert.Empty(card.Scores);
        Assert.Null(card.Labels["predictions"].Confidence);
        Assert.Null(card.Thumb);
        Assert.Null(card.ThumbWidth);
        Assert.Equal("Could not find file '/data/gone.png'.", card.Error);
        // A field whose values are all non-finite is still offered (it exists), it just has no numbers.
        Assert.Contains("mistakenness", model.ScoreFields);
    }

    [Fact]
    public void Multilabel_classifications_list_each_label_once()
    {
        var s = new Sample("/data/m.png");
        s.SetField("tags_pred", new Classifications(new[] { new Classification("sky", 0.9), new Classification("sea", 0.7), new Classification("sky", 0.2) }));

        var label = GalleryModelBuilder.Build(new[] { s }, new[] { Thumb }, new GalleryOptions(), 1).Samples[0].Labels["tags_pred"];

        Assert.Equal("classifications", label.Type);
        Assert.Equal(new[] { "sky", "sea" }, label.Labels);
        Assert.Equal(new double?[] { 0.9, 0.7, 0.2 }, label.Objects!.Select(o => o.Confidence));
    }

    [Fact]
    public void Thumbnails_must_match_samples_one_to_one()
    {
        Assert.Throws<ArgumentException>(() => GalleryModelBuilder.Build(new[] { new Sample("/x.png") }, Array.Empty<Thumbnail>(), new GalleryOptions(), 1));
    }
}

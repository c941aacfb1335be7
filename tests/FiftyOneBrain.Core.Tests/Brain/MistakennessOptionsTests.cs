using FiftyOneBrain.Brain;

namespace FiftyOneBrain.Tests.Brain;

public sealed class MistakennessOptionsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.95)]
    public void Missing_confidence_at_the_ends_of_0_to_1_is_accepted(double confidence) =>
        new MistakennessOptions { MissingConfidence = confidence }.Validate();

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Missing_confidence_outside_0_to_1_is_rejected(double confidence)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MistakennessOptions { MissingConfidence = confidence }.Validate());
        Assert.Equal("MissingConfidence", e.ParamName);
        Assert.StartsWith("The missing-object confidence must be in 0..1.", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void The_iou_threshold_is_checked(double threshold)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MistakennessOptions { IouThreshold = threshold }.Validate());
        Assert.StartsWith("The IoU threshold must be strictly between 0 and 1.", e.Message);
    }

    public static TheoryData<MistakennessOptions> EmptyNames => new()
    {
        new MistakennessOptions { LabelField = "" },
        new MistakennessOptions { PredictionField = " " },
        new MistakennessOptions { MistakennessField = "\t" },
        new MistakennessOptions { MissingField = "" },
        new MistakennessOptions { SpuriousField = "  " },
    };

    [Theory]
    [MemberData(nameof(EmptyNames))]
    public void Empty_field_names_are_rejected(MistakennessOptions options)
    {
        var e = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.Equal("Field names must not be empty.", e.Message);
    }

    [Fact]
    public void The_defaults_are_valid_and_name_the_localisation_field()
    {
        var o = new MistakennessOptions();
        o.Validate();
        Assert.Equal("mistakenness_loc", o.LocalizationField);
    }
}

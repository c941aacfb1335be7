using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>Reads label fields off samples and turns their shape problems into <see cref="BrainInputException"/>s that name sample and field.</summary>
internal static class LabelReader
{
    /// <summary>The label in <paramref name="field"/>, or null when the field is absent or null.</summary>
    public static LabelObject? Optional(Sample sample, string field)
    {
        var value = sample.GetField(field);
        return value switch
        {
            null => null,
            Classification or Classifications or Detections => (LabelObject)value,
            _ => throw new BrainInputException("UnsupportedLabelType",
                $"Sample '{sample.Id}' field '{field}' holds a {DescribeType(value)}; expected a Classification, Classifications or Detections."),
        };
    }

    /// <summary>The logits of a Classification or Classifications, validated finite.</summary>
    public static double[] Logits(Sample sample, string field, LabelObject label)
    {
        var logits = label switch
        {
            Classification c => c.Logits,
            Classifications c => c.Logits,
            Detection d => d.Logits,
            _ => throw new BrainInputException("UnsupportedLabelType",
                $"Sample '{sample.Id}' field '{field}' holds {label.TypeName}, which has no logits."),
        };
        if (logits is null)
            throw new BrainInputException("MissingLogits", $"Sample '{sample.Id}' field '{field}' has no logits.");
        return CheckFinite(sample, field, logits);
    }

    public static double[] CheckFinite(Sample sample, string field, double[] logits)
    {
        if (logits.Length == 0)
            throw new BrainInputException("EmptyLogits", $"Sample '{sample.Id}' field '{field}' has empty logits.");
        foreach (var v in logits)
            if (!double.IsFinite(v))
                throw new BrainInputException("NonFiniteLogits", $"Sample '{sample.Id}' field '{field}' has a logit that is {v}; logits must be finite.");
        return logits;
    }

    public static string DescribeType(object value) => value is LabelObject l ? l.TypeName : value.GetType().Name;
}

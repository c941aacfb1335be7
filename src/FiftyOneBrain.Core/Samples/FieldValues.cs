namespace FiftyOneBrain.Samples;

/// <summary>Helpers over the values a field may hold (numbers, strings, arrays, labels).</summary>
public static class FieldValues
{
    /// <summary>Deep copy of label objects and arrays; scalars and strings are immutable.</summary>
    public static object? Clone(object? value) => value switch
    {
        LabelObject label => label.Clone(),
        double[] a => (double[])a.Clone(),
        float[] a => (float[])a.Clone(),
        string[] a => (string[])a.Clone(),
        _ => value,
    };

    /// <summary>Reads a numeric field value as double (null when absent or not a number).</summary>
    public static double? AsDouble(object? value) => value switch
    {
        null => null,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        decimal m => (double)m,
        _ => null,
    };
}

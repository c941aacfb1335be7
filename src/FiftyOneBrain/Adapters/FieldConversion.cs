using System.Collections;
using System.Management.Automation;

namespace FiftyOneBrain.PowerShell.Adapters;

/// <summary>Turns PowerShell values (PSObject wrappers, object[] of numbers) into the plain values fields hold.</summary>
internal static class FieldConversion
{
    public static object? FromPowerShell(object? value)
    {
        // A label read back by ConvertFrom-Json (a property bag with a TypeName) becomes that label again.
        if (ObjectLabels.TryRead(value) is { } label) return label;
        if (value is PSObject ps && !ObjectLabels.IsPropertyBag(ps)) value = ps.BaseObject;
        switch (value)
        {
            case null: return null;
            case string or bool or double or float or int or long or decimal: return value is int i ? (long)i : value is float f ? (double)f : value is decimal d ? (double)d : value;
            case double[] or float[] or string[]: return value;
            case FiftyOneBrain.Samples.LabelObject: return value;
            case IEnumerable items:
                var list = items.Cast<object?>().Select(v => v is PSObject p && !ObjectLabels.IsPropertyBag(p) ? p.BaseObject : v).ToList();
                if (list.All(v => v is double or float or int or long or decimal)) return list.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                if (list.All(v => v is string)) return list.Cast<string>().ToArray();
                return list.ToArray();
            default: return value;
        }
    }
}

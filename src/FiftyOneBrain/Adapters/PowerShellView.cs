using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Adapters;

/// <summary>
/// How field and property values are handed to PowerShell. ConvertTo-Json and Export-Csv look at a value that is not
/// wrapped in a PSObject only through .NET reflection (and ToString), which never sees a label's attributes, turns a
/// list of tags into "System.Collections.Generic.List`1[System.String]" and a box into "System.Double[]". Wrapped,
/// the same value shows its adapted properties to ConvertTo-Json and PowerShell's own rendering to Export-Csv
/// (elements joined by $OFS). Wrapping changes nothing else: PowerShell unwraps a PSObject wherever it matters.
/// </summary>
internal static class PowerShellView
{
    public static object? Of(object? value) => value switch
    {
        null or string => value,
        List<Detection> items => new LabelListView<Detection>(items),
        List<Classification> items => new LabelListView<Classification>(items),
        LabelObject or IEnumerable => PSObject.AsPSObject(value),
        _ => value,
    };
}

/// <summary>
/// A label's item list as scripts see it (`$s.ground_truth.Detections`): reads and writes go to the list itself, and
/// enumeration yields each label wrapped in a PSObject so serialisers see its attributes.
/// </summary>
internal sealed class LabelListView<T> : Collection<T>, IEnumerable where T : LabelObject
{
    public LabelListView(List<T> items) : base(items) { }

    IEnumerator IEnumerable.GetEnumerator()
    {
        foreach (var item in Items) yield return PSObject.AsPSObject(item);
    }

    public override string ToString() => $"{Count} object(s)";
}

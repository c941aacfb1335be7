using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Adapters;

/// <summary>
/// Makes a sample's (or label's) dynamic fields read as properties, so `$s.uniqueness`,
/// `Where-Object mistakenness -gt 0.9` and `Sort-Object hardness` work. Registered in types.ps1xml.
/// Built-in CLR properties are listed first; `Detections`/`Classifications` alias the item lists
/// so scripts read `$s.ground_truth.Detections` as in FiftyOne.
/// </summary>
public sealed class FieldBagAdapter : PSPropertyAdapter
{
    private static readonly Dictionary<Type, PropertyInfo[]> ClrProperties = new();

    private static PropertyInfo[] PropertiesOf(Type type)
    {
        lock (ClrProperties)
        {
            if (!ClrProperties.TryGetValue(type, out var props))
            {
                props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(FieldBag.FieldNames))
                    .ToArray();
                ClrProperties[type] = props;
            }
            return props;
        }
    }

    private static string? AliasOf(object bag) => bag switch
    {
        Detections => "Detections",
        Classifications => "Classifications",
        _ => null,
    };

    public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
    {
        var bag = (FieldBag)baseObject;
        var result = new Collection<PSAdaptedProperty>();
        foreach (var p in PropertiesOf(baseObject.GetType())) result.Add(new PSAdaptedProperty(p.Name, p));
        if (AliasOf(bag) is { } alias) result.Add(new PSAdaptedProperty(alias, "Items"));
        foreach (var name in bag.FieldNames) result.Add(new PSAdaptedProperty(name, null));
        return result;
    }

    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
    {
        var bag = (FieldBag)baseObject;
        var clr = PropertiesOf(baseObject.GetType()).FirstOrDefault(p => string.Equals(p.Name, propertyName, StringComparison.OrdinalIgnoreCase));
        if (clr is not null) return new PSAdaptedProperty(clr.Name, clr);
        if (AliasOf(bag) is { } alias && string.Equals(alias, propertyName, StringComparison.OrdinalIgnoreCase))
            return new PSAdaptedProperty(alias, "Items");
        var field = bag.FieldNames.FirstOrDefault(n => string.Equals(n, propertyName, StringComparison.Ordinal))
                    ?? bag.FieldNames.FirstOrDefault(n => string.Equals(n, propertyName, StringComparison.OrdinalIgnoreCase));
        if (field is not null) return new PSAdaptedProperty(field, null);
        // A name that is not a field yet still resolves, so `$sample.uniqueness = 0.9` adds the field as a
        // user expects (PowerShell assigns only to members it can find); reading it gives $null until then.
        // Names PowerShell resolves elsewhere (.NET members such as FieldNames, PSObject, PSBase ..., and the
        // intrinsic Count/Length every scalar has, so `(Import-FoDataset ...).Count` is 1 for one sample) stay theirs.
        return IsOtherMember(baseObject.GetType(), propertyName) ? null : new PSAdaptedProperty(propertyName, null);
    }

    private static readonly HashSet<string> IntrinsicMembers = new(StringComparer.OrdinalIgnoreCase)
        { "PSObject", "PSBase", "PSAdapted", "PSExtended", "PSTypeNames", "Count", "Length" };

    private static bool IsOtherMember(Type type, string name) =>
        IntrinsicMembers.Contains(name) ||
        type.GetMember(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase).Length > 0;

    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty)
    {
        var bag = (FieldBag)adaptedProperty.BaseObject;
        return PowerShellView.Of(adaptedProperty.Tag switch
        {
            PropertyInfo p => p.GetValue(bag),
            "Items" => bag.GetType().GetProperty("Items")!.GetValue(bag),
            _ => bag.GetField(adaptedProperty.Name),
        });
    }

    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value)
    {
        var bag = (FieldBag)adaptedProperty.BaseObject;
        switch (adaptedProperty.Tag)
        {
            case PropertyInfo p when p.CanWrite:
                p.SetValue(bag, LanguagePrimitives.ConvertTo(value, p.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case PropertyInfo p:
                throw new SetValueException($"'{p.Name}' is read-only.");
            case "Items":
                throw new SetValueException($"'{adaptedProperty.Name}' is read-only; add or remove items instead.");
            default:
                bag.SetField(adaptedProperty.Name, FieldConversion.FromPowerShell(value));
                break;
        }
    }

    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    public override bool IsSettable(PSAdaptedProperty adaptedProperty) =>
        adaptedProperty.Tag is not PropertyInfo p || p.CanWrite;

    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) => adaptedProperty.Tag switch
    {
        PropertyInfo p => p.PropertyType.FullName ?? p.PropertyType.Name,
        "Items" => "System.Collections.Generic.List",
        _ => (((FieldBag)adaptedProperty.BaseObject).GetField(adaptedProperty.Name)?.GetType() ?? typeof(object)).FullName!,
    };
}

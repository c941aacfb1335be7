using System.Runtime.InteropServices;

namespace FiftyOneBrain.Samples;

/// <summary>
/// Named dynamic fields (FiftyOne's "fields" on samples and "attributes" on labels).
/// Insertion order is kept so exports and tables list fields the way they were added.
/// </summary>
public abstract class FieldBag
{
    private readonly List<string> _order = new();
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Names of the dynamic fields, in the order they were first set.</summary>
    public IReadOnlyList<string> FieldNames => _order;

    public bool HasField(string name) => _values.ContainsKey(name);

    public bool TryGetField(string name, out object? value) => _values.TryGetValue(name, out value);

    public object? GetField(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public T? GetField<T>(string name) where T : class => GetField(name) as T;

    public void SetField(string name, object? value)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A field needs a name.", nameof(name));
        if (IsReservedName(name)) throw new ArgumentException($"'{name}' is a built-in property, not a field.", nameof(name));
        // One hash lookup for both "is it new" and the store: scoring sets fields on millions of samples.
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_values, name, out var existed);
        slot = value;
        if (!existed) _order.Add(name);
    }

    public bool RemoveField(string name)
    {
        if (!_values.Remove(name)) return false;
        _order.Remove(name);
        return true;
    }

    public object? this[string name]
    {
        get => GetField(name);
        set => SetField(name, value);
    }

    /// <summary>Names of the built-in (CLR) properties that a field may not shadow.</summary>
    protected abstract bool IsReservedName(string name);

    /// <summary>True for a name that is a built-in property (Label, Id, Tags ...), which SetField refuses.</summary>
    public bool IsBuiltInName(string name) => IsReservedName(name);

    protected void CopyFieldsTo(FieldBag target)
    {
        foreach (var name in _order) target.SetField(name, FieldValues.Clone(_values[name]));
    }
}

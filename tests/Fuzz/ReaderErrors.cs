namespace FiftyOneBrain.Fuzz;

/// <summary>
/// What counts as a reader's own clear error. Every reader under test documents InvalidDataException with a
/// message for a bad file; the dataset readers stop with MalformedDatasetFileException (naming the file) when a
/// whole labels file cannot be used, and report per-sample problems as results instead of throwing. Any other
/// exception (NullReference, IndexOutOfRange, Overflow, KeyNotFound, InvalidOperation, OutOfMemory ...) is a finding.
/// </summary>
public static class ReaderErrors
{
    public static bool IsExpected(Exception e) =>
        e is InvalidDataException or FiftyOneBrain.Formats.MalformedDatasetFileException && !string.IsNullOrWhiteSpace(e.Message);

    /// <summary>Runs <paramref name="read"/>, swallowing only the reader's own error (and what <paramref name="alsoExpected"/> accepts).</summary>
    public static void Guard(Action read, Func<Exception, bool>? alsoExpected = null)
    {
        try { read(); }
        catch (Exception e) when (IsExpected(e) || alsoExpected?.Invoke(e) == true) { }
    }

    /// <summary>Exception type and the innermost FiftyOneBrain method (lambdas and iterators named by the method that holds them): one line per distinct bug.</summary>
    public static string Signature(Exception e)
    {
        var frame = new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.FullName?.StartsWith("FiftyOneBrain.", StringComparison.Ordinal) == true
                && m.DeclaringType.Namespace != typeof(ReaderErrors).Namespace);
        return frame is null ? $"{e.GetType().Name} outside FiftyOneBrain" : $"{e.GetType().Name} at {SourceName(frame)}";
    }

    private static string SourceName(System.Reflection.MethodBase method)
    {
        var type = method.DeclaringType!;
        var name = method.Name;
        while (type.Name.StartsWith('<') && type.DeclaringType is { } outer)
        {
            if (!type.Name.StartsWith("<>", StringComparison.Ordinal)) name = type.Name;
            type = outer;
        }
        if (name.StartsWith('<')) name = name[1..name.IndexOf('>')];
        return $"{type.FullName}.{name}";
    }
}

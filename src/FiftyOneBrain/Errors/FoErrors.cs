using System.Management.Automation;

namespace FiftyOneBrain.PowerShell.Errors;

/// <summary>One place that builds ErrorRecords, so every cmdlet reports problems the same way.</summary>
internal static class FoErrors
{
    public static ErrorRecord Record(Exception exception, string errorId, ErrorCategory category, object? target) =>
        new(exception, errorId, category, target);

    public static ErrorRecord Record(string message, string errorId, ErrorCategory category, object? target) =>
        new(new InvalidOperationException(message), errorId, category, target);

    /// <summary>Maps Core exceptions to a category so `$Error[0].CategoryInfo` is meaningful.</summary>
    public static ErrorCategory CategoryOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => ErrorCategory.ObjectNotFound,
        Imaging.ImageTooLargeException => ErrorCategory.LimitsExceeded,
        UnauthorizedAccessException => ErrorCategory.PermissionDenied,
        InvalidDataException or FormatException => ErrorCategory.InvalidData,
        ArgumentException => ErrorCategory.InvalidArgument,
        NotSupportedException => ErrorCategory.NotImplemented,
        IOException => ErrorCategory.ReadError,
        _ => ErrorCategory.NotSpecified,
    };
}

using System.Management.Automation;
using FiftyOneBrain.Formats;

namespace FiftyOneBrain.PowerShell.Errors;

/// <summary>Turns a reader's or writer's per-sample problem into a non-terminating ErrorRecord (target: the offending path).</summary>
internal static class DatasetProblemErrors
{
    public static ErrorRecord Record(DatasetProblem problem) =>
        FoErrors.Record(new InvalidDataException(problem.Message), problem.ErrorId, CategoryOf(problem.Kind), problem.Path);

    private static ErrorCategory CategoryOf(DatasetProblemKind kind) => kind switch
    {
        DatasetProblemKind.MediaFileMissing => ErrorCategory.ObjectNotFound,
        DatasetProblemKind.MalformedLabels => ErrorCategory.ParserError,
        DatasetProblemKind.PathOutsideDatasetRoot => ErrorCategory.SecurityError,
        DatasetProblemKind.UnsupportedLabel => ErrorCategory.InvalidType,
        _ => ErrorCategory.InvalidData,
    };
}

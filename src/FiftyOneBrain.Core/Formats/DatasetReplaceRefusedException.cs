namespace FiftyOneBrain.Formats;

/// <summary>Why <see cref="DatasetExport"/> refused to replace an existing dataset; the names double as PowerShell ErrorIds.</summary>
public enum ReplaceRefusal
{
    /// <summary>No sample could be written, so the replacement would be empty.</summary>
    EmptyExportRefused,
    /// <summary>Some samples could not be written.</summary>
    PartialExportRefused,
    /// <summary>The old dataset holds files the export did not receive, which the replacement would delete.</summary>
    ExportWouldDeleteFiles,
    /// <summary>-ReferenceMedia would point the new labels at media inside the folder being replaced.</summary>
    ReferencedMediaInsideTarget,
}

/// <summary>An export stopped before touching the existing dataset; <see cref="Problems"/> are the per-sample problems seen so far.</summary>
public sealed class DatasetReplaceRefusedException(ReplaceRefusal reason, string target, string message, IReadOnlyList<DatasetProblem> problems)
    : IOException(message)
{
    public ReplaceRefusal Reason => reason;
    public string ErrorId => reason.ToString();
    public string Target => target;
    public IReadOnlyList<DatasetProblem> Problems => problems;
}

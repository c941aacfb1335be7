using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using FiftyOneBrain.Formats;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Tab completion of -Format with the names Core knows (writable ones only for Export-FoDataset).</summary>
public sealed class DatasetFormatCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var names = commandName.StartsWith("Export", StringComparison.OrdinalIgnoreCase) ? DatasetFormats.WritableNames : DatasetFormats.Names;
        return names
            .Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}

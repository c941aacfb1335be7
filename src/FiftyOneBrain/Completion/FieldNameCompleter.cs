using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FiftyOneBrain.PowerShell.Completion;

/// <summary>Completes -LabelField, -PredictionField, -SortBy and similar with field names seen on samples.</summary>
public sealed class FieldNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        SeenFieldNames.All()
            .Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, $"sample field {n}"));
}

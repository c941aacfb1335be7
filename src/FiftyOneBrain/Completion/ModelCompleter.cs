using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using FiftyOneBrain.Models;

namespace FiftyOneBrain.PowerShell.Completion;

/// <summary>Completes -Model with the named models (and their aliases) and model files below the typed folder.</summary>
public sealed class ModelCompleter : IArgumentCompleter
{
    private static readonly string[] Extensions = { ".fomodel", ".onnx", ".pt" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete.Trim('\'', '"');
        foreach (var model in ModelCatalog.All)
            foreach (var name in model.Aliases.Prepend(model.Name).Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, $"{model.Name}: {model.Description}");
        var folder = Path.GetDirectoryName(word);
        var search = string.IsNullOrEmpty(folder) ? "." : folder;
        if (!Directory.Exists(search)) yield break;
        foreach (var file in Directory.EnumerateFiles(search).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order())
        {
            var shown = string.IsNullOrEmpty(folder) ? Path.GetFileName(file) : Path.Combine(folder, Path.GetFileName(file));
            if (!shown.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            var text = shown.Contains(' ') ? $"'{shown}'" : shown;
            yield return new CompletionResult(text, shown, CompletionResultType.ProviderItem, file);
        }
    }
}

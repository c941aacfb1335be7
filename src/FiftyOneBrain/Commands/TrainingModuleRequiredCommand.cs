using System.Management.Automation;
using FiftyOneBrain.PowerShell.Errors;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// Placeholders for the training cmdlets, which live in the FiftyOneBrain.Training module (it carries libtorch).
/// They take any arguments and pipeline input and stop with one line saying what to install or import;
/// importing FiftyOneBrain.Training replaces them (the cmdlet imported last wins).
/// </summary>
public abstract class TrainingModuleRequiredCommand : PSCmdlet
{
    internal const string ModuleName = "FiftyOneBrain.Training";

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(ValueFromRemainingArguments = true)]
    public object[]? Arguments { get; set; }

    protected override void BeginProcessing()
    {
        var installed = InvokeCommand.InvokeScript($"Get-Module -ListAvailable -Name '{ModuleName}'").Count > 0;
        var name = MyInvocation.MyCommand.Name;
        var message = installed
            ? $"{name} is in the {ModuleName} module: run 'Import-Module {ModuleName}' first."
            : $"{name} is in the {ModuleName} module (training on libtorch): run 'Install-PSResource {ModuleName}', then 'Import-Module {ModuleName}'.";
        ThrowTerminatingError(FoErrors.Record(message, "TrainingModuleRequired", ErrorCategory.NotInstalled, name));
    }
}

[Cmdlet(VerbsCommon.New, "FoModel")]
[OutputType(typeof(FiftyOneBrain.Models.ModelDescription))]
public sealed class NewFoModelPlaceholderCommand : TrainingModuleRequiredCommand;

[Cmdlet(VerbsLifecycle.Invoke, "FoCrossValidation")]
[OutputType(typeof(FiftyOneBrain.Samples.Sample))]
public sealed class InvokeFoCrossValidationPlaceholderCommand : TrainingModuleRequiredCommand;

using System.Management.Automation;
using FiftyOneBrain.Models;
using FiftyOneBrain.PowerShell.Errors;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>What the model cmdlets share: loading a -Model, checking field names, reporting libtorch problems.</summary>
internal static class ModelCommandSupport
{
    /// <summary>Loads "default" or a path; every way it can fail becomes one terminating error.</summary>
    public static ImageClassifier LoadModel(PSCmdlet cmdlet, string model)
    {
        var path = ModelLocator.IsDefault(model)
            ? ModelLocator.DefaultModelPath
            : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(model);
        try
        {
            return ImageClassifier.Load(path);
        }
        catch (FileNotFoundException e)
        {
            var message = ModelLocator.IsDefault(model)
                ? $"The default model is missing from the module ({path}); reinstall the module or pass -Model <path>."
                : $"Model file not found: {path}";
            throw Terminate(cmdlet, new FileNotFoundException(message, path, e), "ModelNotFound", ErrorCategory.ObjectNotFound, path);
        }
        catch (InvalidDataException e)
        {
            throw Terminate(cmdlet, e, "ModelInvalid", ErrorCategory.InvalidData, path);
        }
        catch (TorchUnavailableException e)
        {
            throw Terminate(cmdlet, e, "TorchUnavailable", ErrorCategory.ResourceUnavailable, path);
        }
    }

    /// <summary>libtorch must load before training starts; one clear message when it cannot.</summary>
    public static void RequireTorch(PSCmdlet cmdlet)
    {
        try { TorchRuntime.EnsureLoaded(); }
        catch (TorchUnavailableException e) { throw Terminate(cmdlet, e, "TorchUnavailable", ErrorCategory.ResourceUnavailable, null); }
    }

    /// <summary>Fails the run up front when <paramref name="field"/> names a built-in sample property.</summary>
    public static void RequireFieldName(PSCmdlet cmdlet, string field, string parameter)
    {
        try { new Sample("field-name-check").SetField(field, null); }
        catch (ArgumentException e)
        {
            throw Terminate(cmdlet, new ArgumentException($"-{parameter} '{field}' cannot be used: {e.Message}", parameter, e), "InvalidFieldName", ErrorCategory.InvalidArgument, field);
        }
    }

    private static PipelineStoppedException Terminate(PSCmdlet cmdlet, Exception e, string errorId, ErrorCategory category, object? target)
    {
        cmdlet.ThrowTerminatingError(FoErrors.Record(e, errorId, category, target));
        return new PipelineStoppedException(); // not reached: ThrowTerminatingError always throws
    }
}

using System.Management.Automation;
using FiftyOneBrain.Models;
using FiftyOneBrain.Models.Onnx;
using FiftyOneBrain.PowerShell.Errors;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>What the model cmdlets share: loading a -Model, checking field names, reporting runtime problems.</summary>
internal static class ModelCommandSupport
{
    /// <summary>Loads a named model or a path (.fomodel, .onnx); every way it can fail becomes one terminating error.</summary>
    public static IImageModel LoadModel(PSCmdlet cmdlet, string model, OnnxModelOptions? options = null)
    {
        var path = model;
        try
        {
            return ModelCatalog.Load(model, p => path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(p), options ?? OnnxModelOptions.None);
        }
        catch (FileNotFoundException e)
        {
            var message = ModelCatalog.TryGet(model, out var named)
                ? $"The model '{named.Name}' is missing from the module ({e.FileName}); reinstall the module or pass -Model <path>."
                : $"Model file not found: {path}";
            throw Terminate(cmdlet, new FileNotFoundException(message, e.FileName, e), "ModelNotFound", ErrorCategory.ObjectNotFound, path);
        }
        catch (InvalidDataException e)
        {
            throw Terminate(cmdlet, e, "ModelInvalid", ErrorCategory.InvalidData, path);
        }
        catch (ModelUsageException e)
        {
            throw Terminate(cmdlet, e, e.ErrorId, ErrorCategory.InvalidArgument, path);
        }
        catch (OnnxRuntimeUnavailableException e)
        {
            throw Terminate(cmdlet, e, "OnnxRuntimeUnavailable", ErrorCategory.ResourceUnavailable, path);
        }
    }

    /// <summary>The ONNX options a cmdlet was given (-Classes, -OutputName, -Preprocessing); a bad -Preprocessing key stops the run.</summary>
    public static OnnxModelOptions OnnxOptions(PSCmdlet cmdlet, IReadOnlyList<string>? classes, string? outputName, System.Collections.IDictionary? preprocessing)
    {
        OnnxPreprocessing? description = null;
        if (preprocessing is not null)
        {
            try
            {
                description = OnnxPreprocessing.FromValues(preprocessing.Keys.Cast<object>()
                    .Select(k => new KeyValuePair<string, object?>(k.ToString()!, Unwrap(preprocessing[k]))));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                throw Terminate(cmdlet, new ArgumentException($"-Preprocessing: {e.Message}", e), "ModelPreprocessingInvalid", ErrorCategory.InvalidArgument, preprocessing);
            }
        }
        return new OnnxModelOptions { Classes = classes, OutputName = outputName, Preprocessing = description };
    }

    private static object? Unwrap(object? value) => value switch
    {
        PSObject o => Unwrap(o.BaseObject),
        object[] list => list.Select(Unwrap).ToArray(),
        _ => value,
    };

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

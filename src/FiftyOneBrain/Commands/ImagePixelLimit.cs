using System.Management.Automation;
using FiftyOneBrain.Imaging;
using FiftyOneBrain.PowerShell.Errors;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>
/// The decode pixel limit as a preference variable, $FoMaxImagePixels (like Pillow's Image.MAX_IMAGE_PIXELS):
/// unset means 89,478,485; 0 means no limit. Read from the caller's scope, so a script or function can raise it
/// for itself without changing it for the session.
/// </summary>
internal static class ImagePixelLimit
{
    public const string VariableName = "FoMaxImagePixels";

    /// <summary>The limit in force for this call; a value that is not a whole number of 0 or more stops the run.</summary>
    public static long Read(PSCmdlet cmdlet)
    {
        var value = cmdlet.SessionState.PSVariable.GetValue(VariableName);
        if (value is null) return ImageLimits.DefaultMaxPixels;
        if (LanguagePrimitives.TryConvertTo<long>(value, out var limit) && limit >= 0) return limit;
        cmdlet.ThrowTerminatingError(FoErrors.Record(
            $"${VariableName} must be a whole number of pixels, 0 or more (0: no limit); it is '{value}'.",
            "InvalidMaxImagePixels", ErrorCategory.InvalidArgument, value));
        return 0; // not reached: ThrowTerminatingError always throws
    }
}

using System.Management.Automation;
using FiftyOneBrain.Models;

namespace FiftyOneBrain.PowerShell.Commands;

/// <summary>Trains a SimpleResNet classifier on the piped samples and saves it as one .fomodel file.</summary>
[Cmdlet(VerbsCommon.New, "FoModel", SupportsShouldProcess = true)]
[OutputType(typeof(ModelDescription))]
public sealed class NewFoModelCommand : TrainingCommand
{
    private string _fullPath = "";

    /// <summary>Where the model file is written (weights, classes and preprocessing in one file).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateSet(SimpleResNet.ArchitectureName)]
    public string Architecture { get; set; } = SimpleResNet.ArchitectureName;

    /// <summary>Share of the samples held out to report validation loss and accuracy per epoch.</summary>
    [Parameter]
    [ValidateRange(0.0, 0.9)]
    public double ValidationFraction { get; set; }

    protected override void ValidateParameters()
    {
        _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (Directory.Exists(_fullPath))
            ThrowRunError($"-Path '{_fullPath}' is a directory; give a file name such as model{ModelFile.Extension}.", "ModelPathIsDirectory", ErrorCategory.InvalidArgument, _fullPath);
    }

    protected override bool Confirm(int samples, int classes) =>
        ShouldProcess(_fullPath, $"Train {Architecture} (width {Width}, {Epochs} epochs) on {samples} samples of {classes} classes and save the model");

    protected override void Train(LabeledImageSet data)
    {
        var options = Options(ValidationFraction);
        var (train, validation) = ModelTrainer.Split(data.Count, ValidationFraction, options.Seed);
        using var model = ModelTrainer.Train(data, train, validation, options, ImagePreprocessing.Default,
            p => ReportBatch(p), e => ReportEpoch(e), Stopping);
        model.Save(_fullPath);
        WriteVerbose($"Saved {_fullPath} ({new FileInfo(_fullPath).Length / 1024.0:F0} KiB) after {model.Header.Training?.Seconds:F1} s of training.");
        WriteObject(model.Describe());
    }
}

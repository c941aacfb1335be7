<#
.SYNOPSIS
    Trains the default model shipped with the module: a SimpleResNet on the Fashion-MNIST train split,
    then reports its accuracy on the test split.
.DESCRIPTION
    Run by `./build.sh TrainDefaultModel` (build.ps1 builds and imports the staged module first). Uses only
    the module's own cmdlets: Import-FoDataset | New-FoModel, then Import-FoDataset -Split test | Invoke-FoModel.
    The width is reduced (0.25: 16-32-64-128 channels, 128-d embedding) so training takes about half an hour on
    two cores; the class list is given in Fashion-MNIST's label order so logit i is label i of the dataset.
.EXAMPLE
    ./build.sh TrainDefaultModel
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $DataDirectory = '/usr/share/datasets/fashion-mnist',
    [string] $Output = (Join-Path $PSScriptRoot '..' 'src' 'FiftyOneBrain' 'Models' 'default.fomodel'),
    [double] $Width = 0.25,
    [int] $Epochs = 2,
    [int] $BatchSize = 128,
    [double] $LearningRate = 0.2,
    [int] $Seed = 51
)
$ErrorActionPreference = 'Stop'
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }
if (-not (Get-Module FiftyOneBrain.Training)) {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'FiftyOneBrain' 'FiftyOneBrain.psd1')
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'FiftyOneBrain.Training' 'FiftyOneBrain.Training.psd1')
}
$Output = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Output)
# Training replaces the model file the module ships.
if (-not $PSCmdlet.ShouldProcess($Output, 'Train the default model and write it')) { return }
$classes = 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'

$trainTime = Measure-Command {
    $model = Import-FoDataset -Path $DataDirectory -Format FashionMNIST -Split train |
        New-FoModel -LabelField ground_truth -Path $Output -Width $Width -Epochs $Epochs -BatchSize $BatchSize `
            -LearningRate $LearningRate -Seed $Seed -Classes $classes
}

$testTime = Measure-Command {
    $predicted = @(Import-FoDataset -Path $DataDirectory -Format FashionMNIST -Split test | Invoke-FoModel -Model $Output)
    $correct = @($predicted | Where-Object { $_.predictions.Label -eq $_.ground_truth.Label }).Count
}

Write-Information ('Default model: {0} (width {1}, {2}-d embedding, {3:N0} parameters, {4:N1} M multiply-adds per image)' -f
    $model.Path, $model.Width, $model.EmbeddingDimension, $model.Parameters, ($model.MultiplyAdds / 1e6))
Write-Information ('Trained on {0} images for {1} epochs in {2:N1} min (last epoch: loss {3:N4}, accuracy {4:P2}); file {5:N0} KiB' -f
    $model.TrainingSamples, $model.Epochs, $trainTime.TotalMinutes, $model.TrainingLoss, $model.TrainingAccuracy, ((Get-Item -LiteralPath $Output).Length / 1KB))
Write-Information ('Fashion-MNIST test accuracy: {0:P2} ({1} of {2}), evaluated in {3:N1} s' -f
    ($correct / [Math]::Max(1, $predicted.Count)), $correct, $predicted.Count, $testTime.TotalSeconds)

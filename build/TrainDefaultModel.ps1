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
[CmdletBinding()]
param(
    [string] $DataDirectory = '/usr/share/datasets/fashion-mnist',
    [string] $Output = [IO.Path]::Combine($PSScriptRoot, '..', 'src', 'FiftyOneBrain', 'Models', 'default.fomodel'),
    [double] $Width = 0.25,
    [int] $Epochs = 2,
    [int] $BatchSize = 128,
    [double] $LearningRate = 0.2,
    [int] $Seed = 51
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command New-FoModel -ErrorAction Ignore)) {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'FiftyOneBrain', 'FiftyOneBrain.psd1'))
}
$Output = [IO.Path]::GetFullPath($Output)
$classes = 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'

$clock = [Diagnostics.Stopwatch]::StartNew()
$model = Import-FoDataset $DataDirectory -Format FashionMNIST -Split train |
    New-FoModel -LabelField ground_truth -Path $Output -Width $Width -Epochs $Epochs -BatchSize $BatchSize `
        -LearningRate $LearningRate -Seed $Seed -Classes $classes
$trainMinutes = $clock.Elapsed.TotalMinutes

$clock.Restart()
$total = 0; $correct = 0
Import-FoDataset $DataDirectory -Format FashionMNIST -Split test | Invoke-FoModel -Model $Output | ForEach-Object {
    $total++
    if ($_.predictions.Label -eq $_.ground_truth.Label) { $correct++ }
}
$testSeconds = $clock.Elapsed.TotalSeconds

[Console]::WriteLine(('Default model: {0} (width {1}, {2}-d embedding, {3:N0} parameters, {4:N1} M multiply-adds per image)' -f
    $model.Path, $model.Width, $model.EmbeddingDimension, $model.Parameters, ($model.MultiplyAdds / 1e6)))
[Console]::WriteLine(('Trained on {0} images for {1} epochs in {2:N1} min (last epoch: loss {3:N4}, accuracy {4:P2}); file {5:N0} KiB' -f
    $model.TrainingSamples, $model.Epochs, $trainMinutes, $model.TrainingLoss, $model.TrainingAccuracy, ([IO.FileInfo]::new($Output).Length / 1KB)))
[Console]::WriteLine(('Fashion-MNIST test accuracy: {0:P2} ({1} of {2}), evaluated in {3:N1} s' -f ($correct / [Math]::Max(1, $total)), $correct, $total, $testSeconds))

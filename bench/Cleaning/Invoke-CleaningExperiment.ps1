<#
.SYNOPSIS
    One label-cleaning experiment on Fashion-MNIST: noisy, oracle and several cleaning variants, retrained and
    tested on clean test labels. Every result is appended as one JSON line to -LogPath.
.EXAMPLE
    ./bench/Cleaning/Invoke-CleaningExperiment.ps1 -NoiseFraction 0.2 -Variants cl_remove, cl_relabel
#>
[CmdletBinding()]
param(
    [string] $DataFolder = '/usr/share/datasets/fashion-mnist',
    [int] $Samples = 4000,
    [int] $TestSamples = 2000,
    [double] $NoiseFraction = 0.2,
    [ValidateSet('Uniform', 'Asymmetric')]
    [string] $NoiseMode = 'Uniform',
    [int] $Epochs = 8,
    [int] $FoldEpochs = 0,
    [int] $Folds = 3,
    [double] $Width = 0.25,
    [int] $Seed = 51,
    [string[]] $Variants = @('noisy', 'oracle', 'cl_remove', 'cl_remove_steps', 'cl_relabel', 'cl_relabel_confident'),
    [double] $MinConfidence = 0.6,
    [string] $LogPath = (Join-Path $PSScriptRoot 'results' 'cleaning.jsonl'),
    [string] $WorkFolder = (Join-Path (Convert-Path -LiteralPath 'Temp:') 'fiftyonebrain-cleaning')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module FiftyOneBrain)) { Import-Module FiftyOneBrain }
$null = New-Item -ItemType Directory -Path $WorkFolder, (Split-Path -Parent $LogPath) -Force
if ($FoldEpochs -le 0) { $FoldEpochs = $Epochs }
$run = [ordered]@{ Samples = $Samples; Test = $TestSamples; Noise = $NoiseFraction; Mode = $NoiseMode; Epochs = $Epochs; FoldEpochs = $FoldEpochs; Folds = $Folds; Width = $Width; Seed = $Seed }

function Write-Result {
    param([hashtable] $Result)
    $line = [ordered]@{ Time = (Get-Date).ToString('s') } + $run + $Result
    ($line | ConvertTo-Json -Compress) | Add-Content -LiteralPath $LogPath
    Write-Host ($line | ConvertTo-Json -Compress)
}

function Get-TestAccuracy {
    param([object[]] $Train, [string] $LabelField, [int] $TrainEpochs)
    $path = Join-Path $WorkFolder "$LabelField.fomodel"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = $Train | New-FoModel -LabelField $LabelField -Path $path -Epochs $TrainEpochs -Width $Width -Seed $Seed
    $correct = @($test | Invoke-FoModel -Model $path -PredictionField check |
        Where-Object { $_.check.Label -eq $_.ground_truth.Label }).Count
    [pscustomobject]@{ Accuracy = $correct / $test.Count; Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1) }
}

function Set-Label {
    param([object] $Sample, [string] $Field, [string] $Label)
    $Sample.SetField($Field, [FiftyOneBrain.Samples.Classification]::new($Label))
}

$train = @(Import-FoDataset -Path $DataFolder -Format FashionMNIST -Split train -MaxSamples $Samples)
$test = @(Import-FoDataset -Path $DataFolder -Format FashionMNIST -Split test -MaxSamples $TestSamples)
$noise = @{ Fraction = $NoiseFraction; Seed = $Seed; Mode = $NoiseMode }
if ($NoiseMode -eq 'Asymmetric') {
    # Pairs from the shipped classifier's confusions, as the walkthrough does.
    $train = @($train | Invoke-FoModel -Model default -PredictionField shipped)
    $noise.PredictionField = 'shipped'
}
$train = @($train | Add-FoLabelNoise @noise)
$mistakes = @($train | Where-Object Tags -Contains 'mistake').Count

$clock = [Diagnostics.Stopwatch]::StartNew()
$train = @($train | Invoke-FoCrossValidation -LabelField ground_truth -Folds $Folds -Epochs $FoldEpochs -Width $Width -Seed $Seed -PredictionField oos -StoreLogits |
    Find-FoMistake -LabelField ground_truth -PredictionField oos -Method ConfidentLearning -MistakennessField cl_mistakenness |
    Find-FoMistake -LabelField ground_truth -PredictionField oos -UseLogits -MistakennessField mistakenness)
$oosSeconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
$oosAccuracy = @($train | Where-Object { $_.oos.Label -eq $_.ground_truth_original.Label }).Count / $train.Count
$flagged = @($train | Where-Object label_issue)
$caught = @($flagged | Where-Object Tags -Contains 'mistake').Count
$fixable = @($flagged | Where-Object { $_.oos.Label -eq $_.ground_truth_original.Label }).Count
Write-Result @{ Variant = 'cv'; Mistakes = $mistakes; OosAccuracy = $oosAccuracy; Flagged = $flagged.Count; FlaggedMistakes = $caught; FlaggedRightPrediction = $fixable; Seconds = $oosSeconds }

foreach ($variant in $Variants) {
    $field = "label_$variant"
    $keep = $train
    $trainEpochs = $Epochs
    foreach ($s in $train) { Set-Label $s $field $s.ground_truth.Label }
    switch ($variant) {
        'noisy' { }
        'oracle' { foreach ($s in $train) { Set-Label $s $field $s.ground_truth_original.Label } }
        'cl_remove' { $keep = @($train | Where-Object { -not $_.label_issue }) }
        'cl_remove_steps' {
            $keep = @($train | Where-Object { -not $_.label_issue })
            $trainEpochs = [int][math]::Ceiling($Epochs * $train.Count / $keep.Count)
        }
        'cl_relabel' { foreach ($s in $flagged) { Set-Label $s $field $s.oos.Label } }
        'cl_relabel_confident' {
            $sure = @($flagged | Where-Object { $_.oos.Confidence -ge $MinConfidence })
            foreach ($s in $sure) { Set-Label $s $field $s.oos.Label }
            $keep = @($train | Where-Object { -not $_.label_issue -or $_.oos.Confidence -ge $MinConfidence })
            $trainEpochs = [int][math]::Ceiling($Epochs * $train.Count / $keep.Count)
        }
        'cl_relabel_keep_unsure' {
            foreach ($s in @($flagged | Where-Object { $_.oos.Confidence -ge $MinConfidence })) { Set-Label $s $field $s.oos.Label }
        }
        'mk_remove_steps' {
            $cut = @($train | Sort-Object mistakenness -Descending | Select-Object -First $flagged.Count)[-1].mistakenness
            $keep = @($train | Where-Object mistakenness -lt $cut)
            $trainEpochs = [int][math]::Ceiling($Epochs * $train.Count / $keep.Count)
        }
        default { throw "Unknown variant $variant" }
    }
    $wrong = @($keep | Where-Object { $_.$field.Label -ne $_.ground_truth_original.Label }).Count
    $r = Get-TestAccuracy -Train $keep -LabelField $field -TrainEpochs $trainEpochs
    Write-Result @{ Variant = $variant; TrainSize = $keep.Count; WrongLabels = $wrong; TrainEpochs = $trainEpochs; Accuracy = $r.Accuracy; Seconds = $r.Seconds }
}

<#
.SYNOPSIS
    FiftyOne's "finding label mistakes" walkthrough, in PowerShell, on Fashion-MNIST.
.DESCRIPTION
    1. Import a subset of the Fashion-MNIST train split (and the test split to check the model).
    2. Inject seeded label noise: a fraction of the labels is replaced and tagged 'mistake'.
    3. Train the SimpleResNet on the noisy labels.
    4. Predict with logits: in-sample (as FiftyOne's walkthrough does) and out-of-sample by K-fold
       cross-validation (what confident learning needs).
    5. Score: hardness, mistakenness (-UseLogits) and confident learning.
    6. Rank: how well each score puts the injected mistakes first (AUROC, precision at k = number of
       mistakes, recall in the top 10%), then a gallery sorted by mistakenness.
    7. Close the loop: repair the flagged labels (Repair-FoLabel: remove them, or relabel them with the
       out-of-sample prediction where it is confident), retrain, and compare the clean-test accuracy with
       the noisy model and the oracle (trained on the true labels), for confident learning's flags and
       for out-of-sample mistakenness above -MistakennessThreshold; -Rounds 2 scores the relabeled set
       again and repairs once more.
.EXAMPLE
    ./build.sh Walkthrough
.EXAMPLE
    ./examples/Walkthrough.ps1 -NoiseMode Asymmetric -NoiseFraction 0.4
.EXAMPLE
    ./examples/Walkthrough.ps1 -Samples 20000 -Epochs 6 -Folds 5 -OutputFolder ./big-run
#>
[CmdletBinding()]
param(
    [string] $DataFolder = '/usr/share/datasets/fashion-mnist',
    [int] $Samples = 5000,
    [int] $TestSamples = 2000,
    [double] $NoiseFraction = 0.2,
    # Asymmetric: each class is mislabelled as the class the shipped classifier confuses it with most.
    [ValidateSet('Uniform', 'Asymmetric')]
    [string] $NoiseMode = 'Uniform',
    [int] $Epochs = 4,
    [int] $Folds = 3,
    [double] $Width = 0.25,
    [int] $Seed = 51,
    # Relabel only where the out-of-sample prediction is at least this confident; the other flagged samples are removed.
    [double] $MinConfidence = 0.6,
    [double] $MistakennessThreshold = 0.75,
    [ValidateRange(0, 2)]
    [int] $Rounds = 1,
    [string] $OutputFolder = (Join-Path (Convert-Path -LiteralPath 'Temp:') 'fiftyonebrain-walkthrough')
)
$ErrorActionPreference = 'Stop'
# The steps are this script's output; -InformationAction Ignore silences them.
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }
foreach ($name in 'FiftyOneBrain', 'FiftyOneBrain.Training') { if (-not (Get-Module $name)) { Import-Module $name } }
$null = New-Item -ItemType Directory -Path $OutputFolder -Force
$started = Get-Date

function Write-Step {
    param([Parameter(Mandatory)] [string] $Text)
    $elapsed = '[{0,6:0.0}s]' -f ((Get-Date) - $started).TotalSeconds
    # $PSStyle renders as plain text when the output is redirected or NO_COLOR is set.
    Write-Information "$($PSStyle.Formatting.FormatAccent)$elapsed$($PSStyle.Reset) $Text"
}

Write-Step "Importing $Samples train and $TestSamples test samples from $DataFolder"
$train = @(Import-FoDataset -Path $DataFolder -Format FashionMNIST -Split train -MaxSamples $Samples)
$test = @(Import-FoDataset -Path $DataFolder -Format FashionMNIST -Split test -MaxSamples $TestSamples)

Write-Step ('Injecting {0} label noise into {1:0%} of the train labels (seed {2})' -f $NoiseMode.ToLowerInvariant(), $NoiseFraction, $Seed)
$noise = @{ LabelField = 'ground_truth'; Fraction = $NoiseFraction; Seed = $Seed; Mode = $NoiseMode }
if ($NoiseMode -eq 'Asymmetric') {
    # The pairs annotators confuse, taken from the shipped classifier's confusions on these images.
    $train = @($train | Invoke-FoModel -Model default -PredictionField shipped)
    $noise.PredictionField = 'shipped'
}
$train = @($train | Add-FoLabelNoise @noise)
$mistakes = @($train | Where-Object Tags -Contains 'mistake').Count
Write-Step "$mistakes labels are now wrong"

$modelPath = Join-Path $OutputFolder 'noisy.fomodel'
Write-Step "Training SimpleResNet (width $Width, $Epochs epochs) on the noisy labels"
$model = $train | New-FoModel -LabelField ground_truth -Path $modelPath -Epochs $Epochs -Width $Width -Seed $Seed
$correct = @($test | Invoke-FoModel -Model $modelPath -PredictionField predictions |
    Where-Object { $_.predictions.Label -eq $_.ground_truth.Label }).Count
$noisyAccuracy = $correct / $test.Count
Write-Step ('Model accuracy on clean test labels: {0:P1}' -f $noisyAccuracy)

Write-Step 'In-sample predictions with logits (as in FiftyOne''s walkthrough)'
$train = @($train | Invoke-FoModel -Model $modelPath -PredictionField predictions -StoreLogits)

Write-Step "Out-of-sample predictions by $Folds-fold cross-validation"
$train = @($train | Invoke-FoCrossValidation -LabelField ground_truth -Folds $Folds -Epochs $Epochs -Width $Width -Seed $Seed -PredictionField oos_predictions -StoreLogits)

Write-Step 'Scoring hardness, mistakenness and confident learning'
$train = @($train |
    Measure-FoHardness -PredictionField predictions |
    Find-FoMistake -LabelField ground_truth -PredictionField predictions -UseLogits |
    Find-FoMistake -LabelField ground_truth -PredictionField oos_predictions -UseLogits -MistakennessField mistakenness_oos |
    Find-FoMistake -LabelField ground_truth -PredictionField oos_predictions -Method ConfidentLearning -Classes $model.Classes -MistakennessField cl_mistakenness)

$methods = [ordered]@{
    hardness         = 'hardness (in-sample)'
    mistakenness     = 'mistakenness (in-sample)'
    mistakenness_oos = "mistakenness ($Folds-fold)"
    cl_mistakenness  = "confident learning ($Folds-fold)"
}
$flagged = @($train | Where-Object label_issue)
$caught = @($flagged | Where-Object Tags -Contains 'mistake').Count
Write-Step ('Finding {0} injected mistakes among {1} samples (chance: AUROC 0.5, precision {2:0.00}, recall 0.10)' -f
    $mistakes, $train.Count, ($mistakes / $train.Count))
$train | Measure-FoRanking -ScoreField @($methods.Keys) -PositiveTag mistake |
    Format-Table -Property @(
        @{ Name = 'Method'; Expression = { $methods[$_.ScoreField] } }
        @{ Name = 'AUROC'; Expression = 'Auroc'; FormatString = '0.000' }
        @{ Name = "Precision@$mistakes"; Expression = 'PrecisionAtK'; FormatString = '0.000' }
        @{ Name = 'Recall@top10%'; Expression = 'RecallAtTop10Percent'; FormatString = '0.000' }) -AutoSize |
    Out-Host
Write-Step ('Confident learning flags {0} samples as label issues; {1} of them are injected mistakes' -f $flagged.Count, $caught)

Write-Step 'Top 10 by mistakenness (in-sample):'
$train | Sort-Object -Property mistakenness -Descending -Top 10 |
    Format-Table -Property @(
        @{ Name = 'File'; Expression = { Split-Path -Path $_.Filepath -Leaf } }
        @{ Name = 'Label'; Expression = { $_.ground_truth.Label } }
        @{ Name = 'Predicted'; Expression = { $_.predictions.Label } }
        @{ Name = 'Mistakenness'; Expression = 'mistakenness'; FormatString = '0.000' }
        @{ Name = 'Tags'; Expression = { $_.Tags -join ',' } }) -AutoSize |
    Out-Host

$gallery = Join-Path $OutputFolder 'gallery.html'
$null = $train | Show-FoDataset -Path $gallery -SortBy mistakenness -Descending
Write-Step "Gallery: $gallery"
. (Join-Path $PSScriptRoot 'CleaningLoop.ps1')
$loop = @{
    Train = $train; Test = $test; NoisyAccuracy = $noisyAccuracy; Epochs = $Epochs; Width = $Width; Seed = $Seed; Folds = $Folds
    MinConfidence = $MinConfidence; MistakennessThreshold = $MistakennessThreshold; Rounds = $Rounds; OutputFolder = $OutputFolder
}
Invoke-CleaningLoop @loop | Format-Table -Property @(
    'Labels'
    @{ Name = 'Train'; Expression = 'TrainSamples' }
    @{ Name = 'Wrong'; Expression = 'WrongLabels' }
    @{ Name = 'Test acc.'; Expression = 'Accuracy'; FormatString = 'P1' }
    @{ Name = 'Recovered'; Expression = 'Recovered'; FormatString = 'P0' }) -AutoSize |
    Out-Host

Write-Step ('Done in {0:N1} minutes' -f ((Get-Date) - $started).TotalMinutes)

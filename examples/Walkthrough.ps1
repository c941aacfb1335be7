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
.EXAMPLE
    ./build.sh Walkthrough
.EXAMPLE
    ./examples/Walkthrough.ps1 -Samples 20000 -Epochs 6 -Folds 5 -OutputFolder ./big-run
#>
[CmdletBinding()]
param(
    [string] $DataFolder = '/usr/share/datasets/fashion-mnist',
    [int] $Samples = 5000,
    [int] $TestSamples = 2000,
    [double] $NoiseFraction = 0.2,
    [int] $Epochs = 4,
    [int] $Folds = 3,
    [double] $Width = 0.25,
    [int] $Seed = 51,
    [string] $OutputFolder = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'fiftyonebrain-walkthrough')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module FiftyOneBrain)) { Import-Module FiftyOneBrain }
[void][IO.Directory]::CreateDirectory($OutputFolder)
$clock = [Diagnostics.Stopwatch]::StartNew()
function Step([string] $Text) { [Console]::WriteLine(('[{0,6:0.0}s] {1}' -f $clock.Elapsed.TotalSeconds, $Text)) }

# Largest first by a numeric field. (Sort-Object does this in pwsh; the .NET sort keeps the script
# runnable in hosts that ship only the core cmdlets.)
function Get-Top($Items, [string] $Field, [int] $Count) {
    $list = [Collections.Generic.List[object]]::new(); foreach ($i in $Items) { $list.Add($i) }
    $list.Sort([Comparison[object]] { param($a, $b) ([double]$b.$Field).CompareTo([double]$a.$Field) })
    $list.GetRange(0, [Math]::Min($Count, $list.Count))
}

Step "Importing $Samples train and $TestSamples test samples from $DataFolder"
$train = @(Import-FoDataset $DataFolder -Format FashionMNIST -Split train -MaxSamples $Samples)
$test = @(Import-FoDataset $DataFolder -Format FashionMNIST -Split test -MaxSamples $TestSamples)

Step "Injecting label noise into $([Math]::Round($NoiseFraction * 100))% of the train labels (seed $Seed)"
$train = @($train | Add-FoLabelNoise -LabelField ground_truth -Fraction $NoiseFraction -Seed $Seed)
$mistakes = @($train | Where-Object { $_.Tags -contains 'mistake' }).Count
Step "$mistakes labels are now wrong"

$modelPath = [IO.Path]::Combine($OutputFolder, 'noisy.fomodel')
Step "Training SimpleResNet (width $Width, $Epochs epochs) on the noisy labels"
$model = $train | New-FoModel -LabelField ground_truth -Path $modelPath -Epochs $Epochs -Width $Width -Seed $Seed
$accuracy = ($test | Invoke-FoModel -Model $modelPath -PredictionField predictions |
    Where-Object { $_.predictions.Label -eq $_.ground_truth.Label }).Count / $test.Count
Step ('Model accuracy on clean test labels: {0:P1}' -f $accuracy)

Step 'In-sample predictions with logits (as in FiftyOne''s walkthrough)'
$train = @($train | Invoke-FoModel -Model $modelPath -PredictionField predictions -StoreLogits)

Step "Out-of-sample predictions by $Folds-fold cross-validation"
$train = @($train | Invoke-FoCrossValidation -LabelField ground_truth -Folds $Folds -Epochs $Epochs -Width $Width -Seed $Seed -PredictionField oos_predictions -StoreLogits)

Step 'Scoring hardness, mistakenness and confident learning'
$train = @($train |
    Measure-FoHardness -PredictionField predictions |
    Find-FoMistake -LabelField ground_truth -PredictionField predictions -UseLogits |
    Find-FoMistake -LabelField ground_truth -PredictionField oos_predictions -UseLogits -MistakennessField mistakenness_oos |
    Find-FoMistake -LabelField ground_truth -PredictionField oos_predictions -Method ConfidentLearning -Classes $model.Classes -MistakennessField cl_mistakenness)

$methods = [ordered]@{
    'hardness (in-sample)'              = 'hardness'
    'mistakenness (in-sample)'          = 'mistakenness'
    "mistakenness ($Folds-fold)"        = 'mistakenness_oos'
    "confident learning ($Folds-fold)"  = 'cl_mistakenness'
}
$quality = @($train | Measure-FoRanking -ScoreField @($methods.Values) -PositiveTag mistake)
$flagged = @($train | Where-Object label_issue).Count
[Console]::WriteLine('')
[Console]::WriteLine(('Finding {0} injected mistakes among {1} samples (chance: AUROC 0.5, precision {2:0.00}, recall 0.10)' -f $mistakes, $train.Count, ($mistakes / $train.Count)))
[Console]::WriteLine(('{0,-34} {1,7} {2,13} {3,15}' -f 'method', 'AUROC', "precision@$mistakes", 'recall@top10%'))
foreach ($name in $methods.Keys) {
    $q = $quality | Where-Object ScoreField -eq $methods[$name]
    [Console]::WriteLine(('{0,-34} {1,7:0.000} {2,13:0.000} {3,15:0.000}' -f $name, $q.Auroc, $q.PrecisionAtK, $q.RecallAtTop10Percent))
}
$caught = @($train | Where-Object label_issue | Where-Object { $_.Tags -contains 'mistake' }).Count
[Console]::WriteLine(('confident learning flags {0} samples as label issues; {1} of them are injected mistakes' -f $flagged, $caught))
[Console]::WriteLine('')

Step 'Top 10 by mistakenness (in-sample):'
foreach ($s in (Get-Top $train 'mistakenness' 10)) {
    [Console]::WriteLine(('  {0,-10} label {1,-12} predicted {2,-12} mistakenness {3:0.000} {4}' -f
        [IO.Path]::GetFileName($s.Filepath), $s.ground_truth.Label, $s.predictions.Label, $s.mistakenness, ($s.Tags -join ',')))
}

$gallery = [IO.Path]::Combine($OutputFolder, 'gallery.html')
$null = $train | Show-FoDataset -Path $gallery -SortBy mistakenness -Descending
Step "Gallery: $gallery"
Step "Done in $([Math]::Round($clock.Elapsed.TotalMinutes, 1)) minutes"

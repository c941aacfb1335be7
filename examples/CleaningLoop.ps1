<#
.SYNOPSIS
    The walkthrough's last act: repair the flagged labels, retrain, and measure what the repair recovered.
.DESCRIPTION
    Dot-source it, then call Invoke-CleaningLoop with samples that carry the walkthrough's fields: the noisy
    label (ground_truth), the true one (ground_truth_original, from Add-FoLabelNoise), out-of-sample
    predictions (oos_predictions), confident learning's label_issue and out-of-sample mistakenness
    (mistakenness_oos). Every repaired set is retrained for the same number of SGD steps as the noisy model
    (a smaller set gets more epochs), so a removal is not also a shorter training. Returns one row per
    label set: its training size, how many of its labels are still wrong, the clean-test accuracy and the
    share of the accuracy lost to noise that it recovered, (accuracy - noisy) / (oracle - noisy).
#>

function Invoke-CleaningLoop {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object[]] $Train,
        [Parameter(Mandatory)] [object[]] $Test,
        [Parameter(Mandatory)] [double] $NoisyAccuracy,
        [int] $Epochs = 4,
        [double] $Width = 0.25,
        [int] $Seed = 51,
        [int] $Folds = 3,
        [double] $MinConfidence = 0.6,
        [double] $MistakennessThreshold = 0.75,
        [int] $Rounds = 1,
        [string] $OutputFolder = (Convert-Path -LiteralPath 'Temp:')
    )
    $truth = @{}
    foreach ($s in $Train) { $truth[$s.Id] = $s.ground_truth_original.Label }

    function Measure-Labels {
        param([string] $Name, [object[]] $Samples, [string] $LabelField = 'ground_truth', [Nullable[double]] $Accuracy)
        $wrong = @($Samples | Where-Object { $_.$LabelField.Label -ne $truth[$_.Id] }).Count
        if ($null -eq $Accuracy) {
            # Same number of SGD steps as the noisy model: a smaller set trains for more epochs.
            $trainEpochs = [int][math]::Ceiling($Epochs * $Train.Count / $Samples.Count)
            Write-Step "Retraining on $Name ($($Samples.Count) samples, $wrong labels wrong, $trainEpochs epochs)"
            $path = Join-Path $OutputFolder 'cleaned.fomodel'
            $null = $Samples | New-FoModel -LabelField $LabelField -Path $path -Epochs $trainEpochs -Width $Width -Seed $Seed
            $correct = @($Test | Invoke-FoModel -Model $path -PredictionField cleaned_check |
                Where-Object { $_.cleaned_check.Label -eq $_.ground_truth.Label }).Count
            $Accuracy = $correct / $Test.Count
        }
        [pscustomobject]@{ Labels = $Name; TrainSamples = $Samples.Count; WrongLabels = $wrong; Accuracy = $Accuracy; Recovered = $null }
    }

    function Repair-Copy {
        param([object[]] $Samples, [hashtable] $Repair)
        $Samples | ForEach-Object { $_.Clone() } | Repair-FoLabel @Repair -InformationVariable summary -InformationAction SilentlyContinue
        Write-Step "  $($summary.MessageData)"
    }

    $rows = [Collections.Generic.List[object]]::new()
    $rows.Add((Measure-Labels 'noisy' $Train -Accuracy $NoisyAccuracy))
    $oracle = Measure-Labels 'true labels (oracle)' $Train -LabelField ground_truth_original
    $relabel = @{ Action = 'Relabel'; PredictionField = 'oos_predictions'; MinConfidence = $MinConfidence }
    $byScore = @{ ScoreField = 'mistakenness_oos'; Above = $MistakennessThreshold }

    Write-Step 'Repairing confident learning''s flags'
    $rows.Add((Measure-Labels 'CL flags removed' @(Repair-Copy $Train @{ Action = 'Remove'; Flag = 'label_issue' })))
    $clRelabeled = @(Repair-Copy $Train ($relabel + @{ Flag = 'label_issue' }))
    $rows.Add((Measure-Labels "CL flags relabeled (p >= $MinConfidence)" $clRelabeled))
    Write-Step "Repairing samples with mistakenness ($Folds-fold) above $MistakennessThreshold"
    $rows.Add((Measure-Labels "mistakenness > $MistakennessThreshold removed" @(Repair-Copy $Train ($byScore + @{ Action = 'Remove' }))))
    $rows.Add((Measure-Labels "mistakenness > $MistakennessThreshold relabeled" @(Repair-Copy $Train ($byScore + $relabel))))

    if ($Rounds -ge 2) {
        Write-Step "Second round: $Folds-fold predictions and confident learning on the CL-relabeled set"
        $again = @($clRelabeled |
            Invoke-FoCrossValidation -LabelField ground_truth -Folds $Folds -Epochs $Epochs -Width $Width -Seed ($Seed + 100) -PredictionField oos_predictions -StoreLogits |
            Find-FoMistake -LabelField ground_truth -PredictionField oos_predictions -Method ConfidentLearning -MistakennessField cl_mistakenness)
        $rows.Add((Measure-Labels 'CL relabeled, second round' @(Repair-Copy $again ($relabel + @{ Flag = 'label_issue' }))))
    }
    $rows.Add($oracle)
    foreach ($row in $rows) {
        $lost = $oracle.Accuracy - $NoisyAccuracy
        $row.Recovered = if ($lost -gt 0) { ($row.Accuracy - $NoisyAccuracy) / $lost } else { $null }
    }
    $rows
}

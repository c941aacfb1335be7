[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # The end-to-end test trains: New-FoModel and Invoke-FoCrossValidation are in the training module.
    Import-Module (Get-StagedModulePath -Name FiftyOneBrain.Training) -Force
    $ErrorActionPreference = 'Stop'

    function New-Flagged {
        param([string] $Name, [string] $Label, [string] $Predicted, [double] $Confidence, [bool] $Issue, [double] $Score = 0)
        New-FoSample -Filepath "/img/$Name.png" -Fields @{
            ground_truth = (New-FoClassification -Label $Label)
            predictions  = (New-FoClassification -Label $Predicted -Confidence $Confidence)
            label_issue  = $Issue
            mistakenness = $Score
        }
    }
}

Describe 'Repair-FoLabel' {
    BeforeEach {
        $samples = @(
            New-Flagged a cat dog 0.95 $true 0.99   # flagged, confident: relabeled to dog
            New-Flagged b cat dog 0.40 $true 0.97   # flagged, unsure
            New-Flagged c dog dog 0.90 $true 0.10   # flagged, already labelled as predicted
            New-Flagged d cat cat 0.90 $false 0.05  # clean
        )
    }

    It 'relabels the confident flagged samples, keeps the old label and tags them; unsure ones are removed' {
        $out = @($samples | Repair-FoLabel Relabel -MinConfidence 0.8 -InformationVariable info)
        $out.Filepath | Should -Be '/img/a.png', '/img/c.png', '/img/d.png'
        $out[0].ground_truth.Label | Should -Be 'dog'
        $out[0].ground_truth_original.Label | Should -Be 'cat'
        $out[0].Tags | Should -Be 'relabeled'
        @($out | Where-Object Tags -Contains relabeled).Count | Should -Be 1
        $out[1].HasField('ground_truth_original') | Should -BeFalse
        $summary = ($info | Where-Object Tags -Contains Summary).MessageData
        $summary.Flagged, $summary.Relabeled, $summary.Removed, $summary.Unsure, $summary.Unchanged | Should -Be 3, 1, 1, 1, 1
    }

    It 'keeps unsure samples as they are with -Unsure Relabel' {
        $out = @($samples | Repair-FoLabel Relabel -MinConfidence 0.8 -Unsure Relabel)
        $out.Count | Should -Be 4
        $out[1].ground_truth.Label | Should -Be 'cat'
        $out[1].Tags | Should -BeNullOrEmpty
    }

    It 'removes the samples above a score threshold and changes nothing else' {
        $out = @($samples | Repair-FoLabel Remove -ScoreField mistakenness -Above 0.95)
        $out.Filepath | Should -Be '/img/c.png', '/img/d.png'
        $out.ground_truth.Label | Should -Be 'dog', 'cat'
        @($out | Where-Object { $_.Tags.Count -gt 0 }).Count | Should -Be 0
    }

    It 'acts on the samples a filter picks' {
        $out = @($samples | Repair-FoLabel Remove -Filter { $_.ground_truth.Label -eq 'cat' })
        $out.Filepath | Should -Be '/img/c.png'
    }

    It '-WhatIf with <Action> writes nothing, passes every sample on and reports each change' -ForEach @(
        @{ Action = 'Relabel' }, @{ Action = 'Remove' }) {
        $out = @($samples | Repair-FoLabel $Action -WhatIf -InformationVariable info 6>$null)
        $out.Count | Should -Be 4
        $out.ground_truth.Label | Should -Be 'cat', 'cat', 'dog', 'cat'
        @($out | Where-Object { $_.Tags.Count -gt 0 -or $_.HasField('ground_truth_original') }).Count | Should -Be 0
        $summary = ($info | Where-Object Tags -Contains Summary).MessageData
        $summary.WhatIf | Should -BeTrue
        "$summary" | Should -Match '^What if: would have'
    }

    It 'stops when no sample has the flag field' {
        { $samples | Repair-FoLabel Remove -Flag labell_issue } | Should -Throw -ErrorId 'FieldNotFound,*'
    }

    It 'reports a flagged sample without a prediction and passes it on' {
        $bare = New-FoSample -Filepath /img/e.png -Fields @{ ground_truth = (New-FoClassification -Label cat); label_issue = $true }
        $out = @($samples[3], $bare | Repair-FoLabel Relabel -ErrorVariable errors -ErrorAction SilentlyContinue 3>$null)
        $out.Count | Should -Be 2
        $errors.FullyQualifiedErrorId | Should -BeLike 'NoPrediction,*'
        $errors.TargetObject.Filepath | Should -Be '/img/e.png'
    }
}

Describe 'Add-FoLabelNoise -Mode' {
    BeforeEach {
        $samples = 0..119 | ForEach-Object { New-FoSample -Filepath "/img/$_.png" -Fields @{ ground_truth = (New-FoClassification -Label ('c' + ($_ % 3))) } }
    }

    It 'Asymmetric flips only the given pairs at the given rate, seeded' {
        $noisy = @($samples | Add-FoLabelNoise -Mode Asymmetric -Pairs @{ c0 = 'c1' } -Fraction 0.25 -Seed 9)
        $flipped = @($noisy | Where-Object Tags -Contains mistake)
        $flipped.Count | Should -Be 10
        @($flipped | Where-Object { $_.ground_truth_original.Label -ne 'c0' -or $_.ground_truth.Label -ne 'c1' }).Count | Should -Be 0
        $again = @($samples | ForEach-Object { $_.Clone() } | ForEach-Object { $_.ground_truth.Label = $_.ground_truth_original.Label; $_.Tags.Clear(); $_ } |
            Add-FoLabelNoise -Mode Asymmetric -Pairs @{ c0 = 'c1' } -Fraction 0.25 -Seed 9)
        ($again | Where-Object Tags -Contains mistake).Filepath | Should -Be $flipped.Filepath
    }

    It 'Matrix moves each row''s share' {
        $matrix = [double[][]]@(, [double[]](0.5, 0.5, 0)) + , [double[]](0, 1, 0) + , [double[]](0, 0, 1)
        $noisy = @($samples | Add-FoLabelNoise -Mode Matrix -Matrix $matrix -Classes c0, c1, c2)
        @($noisy | Where-Object Tags -Contains mistake).Count | Should -Be 20
        @($noisy | Where-Object { $_.ground_truth.Label -eq 'c1' }).Count | Should -Be 60
    }

    It 'Asymmetric without pairs stops with one clear error' {
        { $samples | Add-FoLabelNoise -Mode Asymmetric } | Should -Throw -ErrorId 'LabelNoiseFailed,*'
    }
}

Describe 'Cleaning the labels recovers accuracy on Fashion-MNIST' -Tag EndToEnd {
    It 'a model trained on the relabeled samples beats one trained on the noisy labels' {
        # Images from the test split, which the shipped classifier never trained on: its predictions are out-of-sample.
        $data = '/usr/share/datasets/fashion-mnist'
        $all = @(Import-FoDataset -Path $data -Format FashionMNIST -Split test -MaxSamples 1500)
        $train = @($all[0..599] | Add-FoLabelNoise -Fraction 0.4 -Seed 3 |
            Invoke-FoModel -Model default -PredictionField predictions -StoreLogits |
            Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning)
        $check = $all[600..1499]
        $accuracy = {
            param($Samples)
            $path = Join-Path $TestDrive "m$([guid]::NewGuid()).fomodel"
            $null = $Samples | New-FoModel -LabelField ground_truth -Path $path -Epochs 3 -Width 0.25 -Seed 1
            @($check | Invoke-FoModel -Model $path -PredictionField check | Where-Object { $_.check.Label -eq $_.ground_truth.Label }).Count / $check.Count
        }
        $noisy = & $accuracy $train
        $cleaned = @($train | ForEach-Object { $_.Clone() } | Repair-FoLabel Relabel)
        @($cleaned | Where-Object Tags -Contains relabeled).Count | Should -BeGreaterThan 150
        $fixed = & $accuracy $cleaned
        $fixed | Should -BeGreaterThan ($noisy + 0.05)
    }
}

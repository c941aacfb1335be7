BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force

    function New-ScoredSet([int] $Count, [switch] $WithoutPredictionOnFirst) {
        foreach ($i in 1..$Count) {
            $fields = @{ ground_truth = (New-FoClassification cat) }
            if (-not ($WithoutPredictionOnFirst -and $i -eq 1)) { $fields.predictions = New-FoClassification dog -Confidence 0.8 -Logits 0, 1 }
            New-FoSample "/data/s$i.png" -Fields $fields
        }
    }
}

Describe 'A field the cmdlet reads' {
    Context 'no sample has it' {
        It 'Find-FoMistake -LabelField <misspelt> stops before scoring, naming the field and the fields that exist' {
            $samples = New-ScoredSet 5
            { $samples | Find-FoMistake -LabelField groundtruth -PredictionField predictions } |
                Should -Throw -ErrorId 'FieldNotFound,FiftyOneBrain.PowerShell.Commands.FindFoMistakeCommand' -ExpectedMessage "*'groundtruth'*none of the 5 samples has that field (fields present: *ground_truth*"
            $samples | ForEach-Object { $_.PSObject.BaseObject.HasField('mistakenness') } | Should -Not -Contain $true
        }

        It 'Find-FoMistake -PredictionField <misspelt> stops and a gate after it never passes' {
            $samples = New-ScoredSet 3
            $passed = $null
            $thrown = $null
            try { $passed = $samples | Find-FoMistake -LabelField ground_truth -PredictionField prediction | Test-FoDataset -MaxMistakenness 0.9 }
            catch { $thrown = $_ }
            $passed | Should -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -Be 'FieldNotFound,FiftyOneBrain.PowerShell.Commands.FindFoMistakeCommand'
            $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $thrown.TargetObject | Should -Be 'prediction'
        }

        It '<Name> stops with FieldNotFound naming -<Parameter>' -ForEach @(
            @{ Name = 'Measure-FoHardness'; Parameter = 'PredictionField'; Run = { $args[0] | Measure-FoHardness -PredictionField pred } }
            @{ Name = 'Find-FoMistake -Method ConfidentLearning'; Parameter = 'LabelField'; Run = { $args[0] | Find-FoMistake -LabelField gt -PredictionField predictions -Method ConfidentLearning } }
            @{ Name = 'Test-FoDataset'; Parameter = 'HardnessField'; Run = { $args[0] | Test-FoDataset -MaxHardness 1 -HardnessField hardnes } }
            @{ Name = 'Measure-FoRanking'; Parameter = 'ScoreField'; Run = { $args[0] | Measure-FoRanking -ScoreField mistakeness } }
            @{ Name = 'Measure-FoUniqueness'; Parameter = 'EmbeddingField'; Run = { $args[0] | Measure-FoUniqueness -EmbeddingField embeding } }
            @{ Name = 'Add-FoLabelNoise'; Parameter = 'LabelField'; Run = { $args[0] | Add-FoLabelNoise -LabelField label -Fraction 0.5 -Seed 1 } }
        ) {
            $samples = New-ScoredSet 4
            $thrown = $null
            try { $null = & $Run $samples } catch { $thrown = $_ }
            $thrown | Should -Not -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -BeLike 'FieldNotFound,*'
            $thrown.Exception.Message | Should -BeLike "-$Parameter '*': none of the 4 samples has that field (fields present: *"
            $thrown.Exception.Message | Should -BeLike '*ground_truth*'
            $thrown.Exception.Message | Should -BeLike '*predictions*'
        }

        It 'Export-FoDataset -LabelField <misspelt> stops before writing anything' {
            $target = Join-Path $TestDrive 'export'
            { New-ScoredSet 2 | Export-FoDataset $target -Format ImageClassificationDirectoryTree -LabelField groundtruth } |
                Should -Throw -ErrorId 'FieldNotFound,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'
            Test-Path -LiteralPath $target | Should -BeFalse
        }

        It 'Show-FoDataset -PredictionField <misspelt> stops before writing the page' {
            $page = Join-Path $TestDrive 'gallery.html'
            { New-ScoredSet 2 | Show-FoDataset -Path $page -PredictionField prediction } |
                Should -Throw -ErrorId 'FieldNotFound,FiftyOneBrain.PowerShell.Commands.ShowFoDatasetCommand'
            Test-Path -LiteralPath $page | Should -BeFalse
        }

        It 'decides on the first 1000 samples of a long stream and lets none of them through' {
            $seen = [System.Collections.Generic.List[object]]::new()
            $thrown = $null
            try { New-ScoredSet 1200 | Measure-FoHardness -PredictionField pred | ForEach-Object { $seen.Add($_) } } catch { $thrown = $_ }
            $thrown.Exception.Message | Should -BeLike '*none of the first 1000 samples*'
            $seen.Count | Should -Be 0
        }
    }

    Context 'some samples lack it' {
        It 'Find-FoMistake warns once with counts and still scores every sample' {
            $out = New-ScoredSet 4 -WithoutPredictionOnFirst | Find-FoMistake -LabelField ground_truth -PredictionField predictions -WarningVariable warnings -WarningAction SilentlyContinue
            $out | Should -HaveCount 4
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -BeLike "1 of 4 samples have no field 'predictions'; they have no prediction and score 1*"
            $out[0].mistakenness | Should -Be 1
        }

        It 'Measure-FoHardness warns with counts beside the per-sample error' {
            $out = New-ScoredSet 3 -WithoutPredictionOnFirst | Measure-FoHardness -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
            $out | Should -HaveCount 2
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'MissingPrediction,*'
            "$($warnings[0])" | Should -BeLike "1 of 3 samples have no field 'predictions'*"
        }

        It 'Test-FoDataset warns how many were not judged on the field' {
            $a = New-FoSample /data/a.png -Fields @{ mistakenness = 0.1 }
            $b = New-FoSample /data/b.png
            $gate = $a, $b | Test-FoDataset -MaxMistakenness 0.5 -WarningVariable warnings -WarningAction SilentlyContinue
            $gate.Passed | Should -BeTrue
            "$($warnings[0])" | Should -BeLike "1 of 2 samples have no field 'mistakenness'*"
        }
    }
}

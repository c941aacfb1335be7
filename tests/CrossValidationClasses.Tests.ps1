BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    Import-Module (Get-StagedModulePath -Name FiftyOneBrain.Training) -Force
}

Describe 'Confident learning after Invoke-FoCrossValidation' {
    It 'needs no -Classes: the class list is recorded next to the stored logits' {
        $samples = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 40)
        $expected = ($samples | ForEach-Object { $_.ground_truth.Label } | Sort-Object -Unique) -join ','

        $predicted = @($samples | Invoke-FoCrossValidation -LabelField ground_truth -Folds 2 -Epochs 1 -Width 0.25 -Seed 3 -StoreLogits)
        $predicted | Should -HaveCount 40
        $predicted | ForEach-Object { ($_.predictions.classes | Sort-Object) -join ',' } | Sort-Object -Unique | Should -Be $expected

        $scored = @($predicted | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -ErrorVariable errors)
        $errors | Should -BeNullOrEmpty
        $scored | Should -HaveCount 40
        $scored | ForEach-Object { $_.label_issue -is [bool] } | Should -Not -Contain $false
    }
}

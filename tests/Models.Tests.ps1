BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    Import-Module (Get-StagedModulePath -Name FiftyOneBrain.Training) -Force
    # Real Fashion-MNIST images (Debian dataset-fashion-mnist); networks are tiny (width 0.125) to keep the tests fast.
    $fashionMnist = '/usr/share/datasets/fashion-mnist'
}

Describe 'New-FoModel, Invoke-FoModel and Get-FoEmbedding' {
    Context 'a small model trained on 400 images' {
        BeforeAll {
            $path = Join-Path $TestDrive 'small.fomodel'
            $all = Import-FoDataset $fashionMnist -Format FashionMNIST -Split train -MaxSamples 600 -ErrorVariable errors
            $training = $all[0..399] | New-FoModel -LabelField ground_truth -Path $path -Width 0.125 -Epochs 4 -BatchSize 32 -Seed 5 -Verbose -ErrorVariable +errors 4>&1
            $model = $training | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $losses = $training | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object {
                if ($_.Message -match '^Epoch \d+/4: loss ([\d.]+)') { [double]::Parse($Matches[1], [cultureinfo]::InvariantCulture) }
            }
            $held = @($all[400..599] | Invoke-FoModel -Model $path -StoreLogits -ErrorVariable +errors)
        }

        It 'trains and predicts without an error' {
            $errors | Should -BeNullOrEmpty
        }

        It 'describes the model it wrote' {
            $model.EmbeddingDimension | Should -Be 64
            $model.Classes.Count | Should -Be 10
            $path | Should -Exist
        }

        It 'reports a falling loss for each of the 4 epochs' {
            $losses | Should -HaveCount 4
            $losses[-1] | Should -BeLessThan (0.7 * $losses[0]) -Because ($losses -join ', ')
        }

        It 'beats chance on 200 held-out images and stores the logits' {
            $held.Count | Should -Be 200
            $correct = @($held | Where-Object { $_.predictions.Label -eq $_.ground_truth.Label }).Count
            $correct | Should -BeGreaterThan 90 -Because "$correct/200 held-out images are right (chance is 20)"
            $held[0].predictions.Logits.Count | Should -Be 10
            $held[0].predictions.Confidence | Should -BeGreaterOrEqual 0.1
            $held[0].predictions.Confidence | Should -BeLessOrEqual 1.0
        }
    }

    It 'gives the same predictions for the same seed' {
        $a = Join-Path $TestDrive 'a.fomodel'
        $b = Join-Path $TestDrive 'b.fomodel'
        $all = Import-FoDataset $fashionMnist -Format FashionMNIST -Split train -MaxSamples 100 -ErrorVariable errors
        $null = $all | New-FoModel -LabelField ground_truth -Path $a -Width 0.125 -Epochs 1 -BatchSize 32 -Seed 11 -ErrorVariable +errors
        $null = $all | New-FoModel -LabelField ground_truth -Path $b -Width 0.125 -Epochs 1 -BatchSize 32 -Seed 11 -ErrorVariable +errors
        $pa = $all[0..9] | Invoke-FoModel -Model $a -StoreLogits -PredictionField pa -ErrorVariable +errors | ForEach-Object { $_.pa.Logits -join ',' }
        $pb = $all[0..9] | Invoke-FoModel -Model $b -StoreLogits -PredictionField pb -ErrorVariable +errors | ForEach-Object { $_.pb.Logits -join ',' }

        $errors | Should -BeNullOrEmpty
        $pa | Should -HaveCount 10
        $pa -join ';' | Should -BeExactly ($pb -join ';')
    }

    It 'reports a corrupt image mid-batch as a non-terminating error and embeds the rest' {
        $model = Join-Path $TestDrive 'm.fomodel'
        $all = Import-FoDataset $fashionMnist -Format FashionMNIST -Split train -MaxSamples 40 -ErrorVariable errors
        $null = $all | New-FoModel -LabelField ground_truth -Path $model -Width 0.125 -Epochs 1 -BatchSize 16 -Seed 1 -ErrorVariable +errors
        $samples = foreach ($i in 0..5) {
            $copy = Join-Path $TestDrive "img$i.png"
            Copy-Item $all[$i].Filepath $copy
            New-FoSample -Filepath $copy
        }
        Set-Content -Path $samples[3].Filepath -Value ([byte[]](0x89, 0x50, 0x4E, 0x47, 1, 2, 3)) -AsByteStream

        $out = $samples | Get-FoEmbedding -Model $model -BatchSize 4 -ErrorVariable +errors -ErrorAction SilentlyContinue |
            ForEach-Object { '{0}:{1}' -f (Split-Path $_.Filepath -Leaf), $_.embedding.Count }

        $out | Should -Be 'img0.png:64', 'img1.png:64', 'img2.png:64', 'img4.png:64', 'img5.png:64'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageUnreadable,*'
        $errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
    }

    It 'stops before any work when the model file is <Kind>' -ForEach @(
        @{ Kind = 'missing'; ErrorId = 'ModelNotFound' }
        @{ Kind = 'corrupt'; ErrorId = 'ModelInvalid' }
    ) {
        $path = Join-Path $TestDrive "$Kind.fomodel"
        if ($Kind -eq 'corrupt') { Set-Content -Path $path -Value 'FOMODEL1 but nothing after it' -NoNewline }
        $samples = Import-FoDataset $fashionMnist -Format FashionMNIST -Split train -MaxSamples 3 -ErrorVariable errors
        $processed = [System.Collections.Generic.List[object]]::new()

        $thrown = { $samples | Invoke-FoModel -Model $path | ForEach-Object { $processed.Add($_) } } | Should -Throw -PassThru

        $errors | Should -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $thrown.Exception.Message | Should -BeLike "*$path*"
        $processed | Should -HaveCount 0
    }

    It 'stops training before any work when labels are missing or outside -Classes' {
        $path = Join-Path $TestDrive 'never.fomodel'
        $samples = @(Import-FoDataset $fashionMnist -Format FashionMNIST -Split train -MaxSamples 5 -ErrorVariable errors) + (New-FoSample -Filepath /data/unlabelled.png)
        $errors | Should -BeNullOrEmpty

        $unlabelled = { $samples | New-FoModel -LabelField ground_truth -Path $path -Epochs 1 } | Should -Throw -PassThru
        $unlabelled.FullyQualifiedErrorId | Should -BeLike 'InvalidTrainingLabels,*'
        $unlabelled.Exception.Message | Should -BeLike "*1 of 6 samples have no Classification label in field 'ground_truth'*"

        $outside = { $samples[0..4] | New-FoModel -LabelField ground_truth -Path $path -Classes Trouser, Bag } | Should -Throw -PassThru
        $outside.FullyQualifiedErrorId | Should -BeLike 'InvalidTrainingLabels,*'
        $outside.Exception.Message | Should -BeLike '*are not among the 2 classes*'

        $path | Should -Not -Exist
    }

    It 'trains nothing and writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.fomodel'
        $out = @(Import-FoDataset $fashionMnist -Format FashionMNIST -Split train -MaxSamples 20 -ErrorVariable errors |
            New-FoModel -LabelField ground_truth -Path $path -WhatIf -ErrorVariable +errors)

        $errors | Should -BeNullOrEmpty
        $out | Should -HaveCount 0
        $path | Should -Not -Exist
    }

    It 'uses the default model to classify and embed Fashion-MNIST out of the box' {
        $test = @(Import-FoDataset $fashionMnist -Format FashionMNIST -Split test -MaxSamples 300 -ErrorVariable errors)

        $correct = @($test | Invoke-FoModel -Model default -ErrorVariable +errors | Where-Object { $_.predictions.Label -eq $_.ground_truth.Label }).Count
        $dimensions = $test[0..1] | Get-FoEmbedding -ErrorVariable +errors | ForEach-Object { $_.embedding.Count }

        $errors | Should -BeNullOrEmpty
        $correct | Should -BeGreaterOrEqual 255 -Because "the default model got $correct/300 right"
        $dimensions -join ',' | Should -Be '128,128'
    }
}

Describe 'Invoke-FoCrossValidation' {
    It 'predicts every sample out of fold, with logits' {
        $out = @(Import-FoDataset $fashionMnist -Format FashionMNIST -Split train -MaxSamples 90 -ErrorVariable errors |
            Invoke-FoCrossValidation -LabelField ground_truth -Folds 3 -Epochs 1 -Width 0.125 -BatchSize 16 -Seed 2 -StoreLogits -PredictionField oos -ErrorVariable +errors)

        $errors | Should -BeNullOrEmpty
        $out | Should -HaveCount 90
        @($out | Where-Object { $_.oos.Logits.Count -eq 10 -and $_.oos.Confidence -gt 0 }) | Should -HaveCount 90
    }
}

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test; the tests that expect errors capture them with -ErrorVariable.
    $ErrorActionPreference = 'Stop'
    $photos = '/usr/lib/python3/dist-packages/skimage/data'
    $fashionMnist = '/usr/share/datasets/fashion-mnist'
    # Unpacking Fashion-MNIST PNG files takes seconds, so the unpacked copy is kept between runs.
    $fashionMnistCache = Join-Path ([System.IO.Path]::GetTempPath()) "fob-tests-fashion-mnist-$([Environment]::UserName)"

    function Import-FashionMnist([int] $MaxSamples) {
        Import-FoDataset $fashionMnist -Format FashionMNIST -Split test -MaxSamples $MaxSamples -Destination $fashionMnistCache
    }
}

Describe 'Export-FoDataset' {
    BeforeEach {
        $dir = (New-Item -ItemType Directory -Path (Join-Path $TestDrive (New-Guid))).FullName
    }

    Context 'round trips through the pipeline' {
        It 'keeps the labels through <Format>' -ForEach @(
            @{ Format = 'FiftyOneDataset'; KeepsOrder = $true }
            @{ Format = 'FiftyOneImageClassificationDataset'; KeepsOrder = $true }
            # One folder per class: the samples come back grouped by class.
            @{ Format = 'ImageClassificationDirectoryTree'; KeepsOrder = $false }
            @{ Format = 'FashionMNIST'; KeepsOrder = $true }
        ) {
            $src = Import-FashionMnist -MaxSamples 30
            $null = $src | Export-FoDataset (Join-Path $dir out) -Format $Format
            $back = Import-FoDataset (Join-Path $dir out) -Format $Format -Destination (Join-Path $dir cache)

            $back.Count | Should -Be 30
            $srcLabels = @($src | ForEach-Object { $_.ground_truth.Label } | Where-Object { $_ })
            $backLabels = @($back | ForEach-Object { $_.ground_truth.Label } | Where-Object { $_ })
            if ($KeepsOrder) {
                $backLabels -join '|' | Should -BeExactly ($srcLabels -join '|')
            }
            else {
                $backLabels | Sort-Object -CaseSensitive | Should -BeExactly ($srcLabels | Sort-Object -CaseSensitive)
            }
        }

        It 'keeps scores, tags, ids and label attributes through FiftyOneDataset' {
            $src = Import-FashionMnist -MaxSamples 5
            $i = 0
            $src | ForEach-Object {
                $_.PSObject.BaseObject.SetField('uniqueness', 0.25 * $i); $i++
                $_.Tags.Add('reviewed')
                $_.PSObject.BaseObject.SetField('predictions', (New-FoClassification -Label Bag -Confidence 0.5 -Logits 1, 2, 3).PSObject.BaseObject)
                $_.predictions.PSObject.BaseObject.SetField('mistakenness', 0.75)
            }

            $dirInfo = $src | Export-FoDataset (Join-Path $dir fo) -Format FiftyOneDataset
            $back = Import-FoDataset $dirInfo.FullName -Format FiftyOneDataset

            ($back | ForEach-Object { $_.uniqueness }) -join ',' | Should -BeExactly '0,0.25,0.5,0.75,1'
            ($back | ForEach-Object { $_.Tags -join '+' }) -join ',' | Should -BeExactly ((1..5 | ForEach-Object { 'test+reviewed' }) -join ',')
            ($back | ForEach-Object Id) -join ',' | Should -BeExactly (($src | ForEach-Object Id) -join ',')
            $back[4].predictions.mistakenness | Should -Be 0.75
            $back[4].predictions.Logits -join ',' | Should -BeExactly '1,2,3'
            $back[4].predictions.Id | Should -BeExactly $src[4].predictions.Id
        }

        It 'keeps the boxes through <Format>' -ForEach @(
            @{ Format = 'COCODetectionDataset' }
            @{ Format = 'YOLOv5Dataset' }
        ) {
            Copy-Item (Join-Path $photos coffee.png) (Join-Path $dir coffee.png)
            Copy-Item (Join-Path $photos chelsea.png) (Join-Path $dir chelsea.png)
            $a = New-FoSample (Join-Path $dir coffee.png) -Fields @{ objects = New-FoDetections @(
                    (New-FoDetection -Label cup -BoundingBox 0.25, 0.125, 0.5, 0.375 -Confidence 0.875),
                    (New-FoDetection -Label saucer -BoundingBox 0.1, 0.7, 0.8, 0.2)) }
            $b = New-FoSample (Join-Path $dir chelsea.png) -Fields @{ objects = New-FoDetections @((New-FoDetection -Label cat -BoundingBox 0, 0, 1, 1)) }

            $null = $a, $b | Export-FoDataset (Join-Path $dir det) -Format $Format -LabelField objects -Split train
            $boxes = Import-FoDataset (Join-Path $dir det) -Format $Format -LabelField objects | ForEach-Object {
                $_.objects.Detections | ForEach-Object { '{0}:{1}:{2}' -f $_.Label, (($_.BoundingBox | ForEach-Object { [Math]::Round($_, 9) }) -join ','), $_.Confidence }
            }

            $boxes | Sort-Object -CaseSensitive | Should -BeExactly 'cat:0,0,1,1:', 'cup:0.25,0.125,0.5,0.375:0.875', 'saucer:0.1,0.7,0.8,0.2:'
        }
    }

    Context 'files on disk' {
        It 'writes nothing with -WhatIf and needs -Force to replace an existing directory' {
            $s = Import-FashionMnist -MaxSamples 3
            $target = Join-Path $dir x

            $s | Export-FoDataset $target -Format FiftyOneDataset -WhatIf | Should -BeNullOrEmpty
            Test-Path $target | Should -BeFalse

            $null = $s | Export-FoDataset $target -Format FiftyOneDataset
            { $s | Export-FoDataset $target -Format FiftyOneDataset } |
                Should -Throw -ErrorId 'DatasetExists,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'

            $null = $s[0] | Export-FoDataset $target -Format FiftyOneDataset -Force
            (Import-FoDataset $target -Format FiftyOneDataset).Count | Should -Be 1
            @(Get-ChildItem $dir -Directory).Count | Should -Be 1
        }

        It 'reports missing media as one error and exports the rest' {
            $missing = Join-Path $dir gone.png
            $s = @(Import-FashionMnist -MaxSamples 3)
            $s += New-FoSample -Filepath $missing

            $null = $s | Export-FoDataset (Join-Path $dir y) -Format FiftyOneDataset -ErrorVariable errors -ErrorAction SilentlyContinue

            @(Import-FoDataset (Join-Path $dir y) -Format FiftyOneDataset) | Should -HaveCount 3
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'MediaFileMissing,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'
            $errors[0].TargetObject | Should -Be $missing
        }

        It 'stops on an unknown format with one terminating error and writes nothing' {
            $target = Join-Path $dir z
            $exported = [System.Collections.Generic.List[object]]::new()

            { New-FoSample -Filepath (Join-Path $dir a.png) | Export-FoDataset $target -Format PascalVOC | ForEach-Object { $exported.Add($_) } } |
                Should -Throw -ErrorId 'UnknownDatasetFormat,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'

            $exported | Should -BeNullOrEmpty
            Test-Path $target | Should -BeFalse
        }
    }
}

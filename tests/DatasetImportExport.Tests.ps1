BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    . (Join-Path $PSScriptRoot 'DatasetFormats.Support.ps1')

    $script:FashionMnist = '/usr/share/datasets/fashion-mnist'
    # Shared between runs: unpacking the Fashion-MNIST test split takes a while the first time.
    $script:FashionCache = Join-Path ([IO.Path]::GetTempPath()) "fob-tests-fashion-mnist-$([Environment]::UserName)"

    function Get-FashionSample([int] $Count) {
        Import-FoDataset $script:FashionMnist -Format FashionMNIST -Split test -MaxSamples $Count -Destination $script:FashionCache
    }
}

Describe 'Import-FoDataset' {
    It 'imports the good images of a directory tree with exactly one error for a corrupt PNG' {
        $dir = Join-Path $TestDrive 'tree'
        $null = Copy-TestPhoto (Join-Path $dir 'person/astronaut.png') -Name astronaut.png
        $null = Copy-TestPhoto (Join-Path $dir 'cat/chelsea.png') -Name chelsea.png
        $null = Copy-TestPhoto (Join-Path $dir 'cup/coffee.png') -Name coffee.png
        $corrupt = Join-Path $dir 'cup/broken.png'
        $bytes = [IO.File]::ReadAllBytes((Join-Path $script:PhotoDir 'camera.png'))
        [IO.File]::WriteAllBytes($corrupt, $bytes[0..($bytes.Length / 3)])

        $lines = Import-FoDataset $dir -Format ImageClassificationDirectoryTree -ErrorVariable errors -ErrorAction SilentlyContinue |
            ForEach-Object { '{0}|{1}|{2}x{3}' -f (Split-Path $_.Filepath -Leaf), $_.ground_truth.Label, $_.Metadata.Width, $_.Metadata.Height }

        $lines | Should -Be 'chelsea.png|cat|451x300', 'coffee.png|cup|600x400', 'astronaut.png|person|512x512'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ImageUnreadable,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be $corrupt
    }

    It 'imports the Fashion-MNIST test split: 10000 samples, 1000 per class, tagged test' {
        $samples = @(Import-FoDataset $script:FashionMnist -Format FashionMNIST -Split test -Destination $script:FashionCache)

        $samples.Count | Should -Be 10000
        $groups = $samples | Group-Object { $_.ground_truth.Label }
        $groups.Count | Should -Be 10
        @($groups | Where-Object Count -NE 1000) | Should -BeNullOrEmpty
        ($groups | Where-Object Name -EQ 'Ankle boot').Count | Should -Be 1000
        $samples[0].Tags -join ',' | Should -Be 'test'
    }

    It 'reports a label index out of range as one error naming the labels file' {
        $dir = Join-Path $TestDrive 'idx'
        $null = New-Item -ItemType Directory $dir
        Write-TestIdx (Join-Path $dir 't10k-images-idx3-ubyte.gz') ([byte[]]::new(3 * 2 * 2)) 3, 2, 2
        $labels = Join-Path $dir 't10k-labels-idx1-ubyte.gz'
        Write-TestIdx $labels ([byte[]](7, 10, 3)) 3

        $digits = Import-FoDataset $dir -Format MNIST -Split test -Destination (Join-Path $dir 'cache') -LabelField digit -ErrorVariable errors -ErrorAction SilentlyContinue |
            ForEach-Object { $_.digit.Label }

        $digits | Should -Be '7 - seven', '3 - three'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelIndexOutOfRange,*'
        $errors[0].TargetObject | Should -Be $labels
    }

    It 'stops with one parser error naming a malformed labels.json' {
        $dir = Join-Path $TestDrive 'badjson'
        $labels = Join-Path $dir 'labels.json'
        Write-TestFile $labels '{"classes": ["a"], "labels": {"x": 0,'

        $err = { Import-FoDataset $dir -Format FiftyOneImageClassificationDataset } | Should -Throw -ErrorId 'MalformedLabelsFile,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand' -PassThru

        $err.CategoryInfo.Category | Should -Be 'ParserError'
        $err.TargetObject | Should -Be $labels
    }

    It 'reports a path escaping the dataset root as one security error and imports the rest' {
        $dir = Join-Path $TestDrive 'coco'
        $null = Copy-TestPhoto (Join-Path $dir 'data/camera.png') -Name camera.png
        $null = Copy-TestPhoto (Join-Path $dir 'chelsea.png') -Name chelsea.png
        Write-TestFile (Join-Path $dir 'labels.json') @'
{"categories": [{"id": 1, "name": "x"}],
 "images": [{"id": 1, "file_name": "camera.png", "width": 512, "height": 512}, {"id": 2, "file_name": "../chelsea.png"}],
 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 256, 128]}]}
'@

        $boxes = Import-FoDataset $dir -Format COCODetectionDataset -ErrorVariable errors -ErrorAction SilentlyContinue |
            ForEach-Object { $_.ground_truth.Detections[0].BoundingBox -join ',' }

        $boxes | Should -Be '0,0,0.5,0.25'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'PathOutsideDatasetRoot,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $errors[0].TargetObject | Should -Be (Join-Path $dir 'chelsea.png')
    }

    It 'shapes the stream with -MaxSamples and -LabelField (format names are case-insensitive)' {
        $dir = Join-Path $TestDrive 'shape'
        $null = Copy-TestPhoto (Join-Path $dir 'a/1.png') -Index 0
        $null = Copy-TestPhoto (Join-Path $dir 'a/2.png') -Index 1
        $null = Copy-TestPhoto (Join-Path $dir 'b/3.png') -Index 2

        Import-FoDataset -Path $dir -Format imageclassificationdirectorytree -MaxSamples 2 -LabelField truth -ErrorVariable errors |
            ForEach-Object { $_.truth.Label } | Should -Be 'a', 'a'
        $errors | Should -BeNullOrEmpty
    }

    It 'stops with one error for an unknown format, listing the known ones' {
        $err = { Import-FoDataset $TestDrive -Format PascalVOC } | Should -Throw -ErrorId 'UnknownDatasetFormat,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*Known formats: ImageClassificationDirectoryTree*'
    }

    It 'stops with one error for a missing directory' {
        $missing = Join-Path $TestDrive 'nope'
        $err = { Import-FoDataset $missing -Format ImageClassificationDirectoryTree } |
            Should -Throw -ErrorId 'DatasetDirectoryNotFound,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be $missing
    }
}

Describe 'Export-FoDataset' {
    It 'round-trips labels through <Format>' -ForEach @(
        @{ Format = 'FiftyOneDataset' }
        @{ Format = 'FiftyOneImageClassificationDataset' }
        @{ Format = 'ImageClassificationDirectoryTree' }
        @{ Format = 'FashionMNIST' }
    ) {
        $out = Join-Path $TestDrive "roundtrip-$Format"
        $src = @(Get-FashionSample 30)

        $null = $src | Export-FoDataset $out -Format $Format
        $back = @(Import-FoDataset $out -Format $Format -Destination (Join-Path $TestDrive "roundtrip-cache-$Format"))

        $back.Count | Should -Be 30
        $before = $src | ForEach-Object { $_.ground_truth.Label }
        $after = $back | ForEach-Object { $_.ground_truth.Label }
        # A directory tree comes back grouped by class folder.
        if ($Format -eq 'ImageClassificationDirectoryTree') { $before = $before | Sort-Object; $after = $after | Sort-Object }
        $after | Should -Be $before
    }

    It 'keeps scores, tags, ids and label attributes through FiftyOneDataset' {
        $src = @(Get-FashionSample 5)
        $i = 0
        foreach ($s in $src) {
            $s.PSObject.BaseObject.SetField('uniqueness', 0.25 * $i++)
            $s.Tags.Add('reviewed')
            $s.PSObject.BaseObject.SetField('predictions', (New-FoClassification -Label Bag -Confidence 0.5 -Logits 1, 2, 3).PSObject.BaseObject)
            $s.predictions.PSObject.BaseObject.SetField('mistakenness', 0.75)
        }

        $dirInfo = $src | Export-FoDataset (Join-Path $TestDrive 'fo') -Format FiftyOneDataset
        $back = @(Import-FoDataset $dirInfo.FullName -Format FiftyOneDataset)

        ($back | ForEach-Object uniqueness) -join ',' | Should -Be '0,0.25,0.5,0.75,1'
        $back | ForEach-Object { $_.Tags -join '+' } | Should -Be (@('test+reviewed') * 5)
        $back | ForEach-Object Id | Should -Be ($src | ForEach-Object Id)
        $back[4].predictions.mistakenness | Should -Be 0.75
        $back[4].predictions.Logits -join ',' | Should -Be '1,2,3'
        $back[4].predictions.Id | Should -Be $src[4].predictions.Id
    }

    It 'round-trips boxes through <Format>' -ForEach @(
        @{ Format = 'COCODetectionDataset' }
        @{ Format = 'YOLOv5Dataset' }
    ) {
        $coffee = Copy-TestPhoto (Join-Path $TestDrive "det-src-$Format/coffee.png") -Name coffee.png
        $chelsea = Copy-TestPhoto (Join-Path $TestDrive "det-src-$Format/chelsea.png") -Name chelsea.png
        $a = New-FoSample $coffee.FullName -Fields @{ objects = New-FoDetections @(
                (New-FoDetection -Label cup -BoundingBox 0.25, 0.125, 0.5, 0.375 -Confidence 0.875),
                (New-FoDetection -Label saucer -BoundingBox 0.1, 0.7, 0.8, 0.2)) }
        $b = New-FoSample $chelsea.FullName -Fields @{ objects = New-FoDetections @((New-FoDetection -Label cat -BoundingBox 0, 0, 1, 1)) }
        $out = Join-Path $TestDrive "det-$Format"

        $null = $a, $b | Export-FoDataset $out -Format $Format -LabelField objects -Split train

        Import-FoDataset $out -Format $Format -LabelField objects | ForEach-Object {
            $_.objects.Detections | ForEach-Object { '{0}:{1}:{2}' -f $_.Label, (($_.BoundingBox | ForEach-Object { [Math]::Round($_, 9) }) -join ','), $_.Confidence }
        } | Sort-Object -CaseSensitive | Should -Be 'cat:0,0,1,1:', 'cup:0.25,0.125,0.5,0.375:0.875', 'saucer:0.1,0.7,0.8,0.2:'
    }

    It 'writes nothing with -WhatIf, needs -Force to replace, and -AllowPartial to replace with less' {
        $s = @(Get-FashionSample 3)
        $target = Join-Path $TestDrive 'x'

        $s | Export-FoDataset $target -Format FiftyOneDataset -WhatIf
        Test-Path $target | Should -BeFalse
        $null = $s | Export-FoDataset $target -Format FiftyOneDataset
        { $s | Export-FoDataset $target -Format FiftyOneDataset } | Should -Throw -ErrorId 'DatasetExists,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'
        $null = $s | Export-FoDataset $target -Format FiftyOneDataset -Force
        { $s[0] | Export-FoDataset $target -Format FiftyOneDataset -Force } | Should -Throw -ErrorId 'ExportWouldDeleteFiles,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'
        $null = $s[0] | Export-FoDataset $target -Format FiftyOneDataset -Force -AllowPartial

        @(Import-FoDataset $target -Format FiftyOneDataset).Count | Should -Be 1
        @(Get-ChildItem $TestDrive -Directory -Force | Where-Object Name -Like '.x.*') | Should -BeNullOrEmpty
    }

    It 'reports missing media as one error and exports the rest' {
        $missing = Join-Path $TestDrive 'gone.png'
        $s = @(Get-FashionSample 3) + @(New-FoSample -Filepath $missing)
        $out = Join-Path $TestDrive 'y'

        $null = $s | Export-FoDataset $out -Format FiftyOneDataset -ErrorVariable errors -ErrorAction SilentlyContinue

        @(Import-FoDataset $out -Format FiftyOneDataset).Count | Should -Be 3
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'MediaFileMissing,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'
        $errors[0].TargetObject | Should -Be $missing
    }

    It 'stops with one error for an unknown format and writes nothing' {
        $out = Join-Path $TestDrive 'z'
        { New-FoSample -Filepath /tmp/a.png | Export-FoDataset $out -Format PascalVOC } |
            Should -Throw -ErrorId 'UnknownDatasetFormat,FiftyOneBrain.PowerShell.Commands.ExportFoDatasetCommand'
        Test-Path $out | Should -BeFalse
    }
}

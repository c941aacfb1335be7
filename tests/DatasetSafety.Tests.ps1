BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    . (Join-Path $PSScriptRoot 'DatasetFormats.Support.ps1')

    # A FiftyOneDataset of $Count generated PNGs at $Path, written by the module itself.
    function Build-SmallFiftyOneDataset([string] $Path, [int] $Count = 5) {
        $source = Join-Path $TestDrive ('src-' + (Split-Path $Path -Leaf))
        $samples = foreach ($i in 1..$Count) {
            $png = Copy-TestPhoto (Join-Path $source "img$i.png") -Index $i
            New-FoSample $png.FullName -Fields @{ ground_truth = (New-FoClassification ('c' + ($i % 2))) }
        }
        $null = $samples | Export-FoDataset $Path -Format FiftyOneDataset
    }
}

Describe 'Export-FoDataset never replaces a dataset with less than it had' {
    It 'stops an in-place re-export when samples.json is truncated, and keeps every media file' {
        $ds = Join-Path $TestDrive 'inplace'
        Build-SmallFiftyOneDataset $ds
        $json = Join-Path $ds 'samples.json'
        $text = Get-Content $json -Raw
        Set-Content $json -Value $text.Substring(0, [int]($text.Length / 2)) -NoNewline
        $before = Get-TreeSnapshot $ds

        { Import-FoDataset $ds -Format FiftyOneDataset | Export-FoDataset $ds -Format FiftyOneDataset -Force } |
            Should -Throw -ErrorId 'MalformedLabelsFile,*'

        Get-TreeSnapshot $ds | Should -Be $before
        @(Get-ChildItem (Join-Path $ds 'data') -File).Count | Should -Be 5
        @(Get-ChildItem $TestDrive -Directory -Force | Where-Object Name -Like '.*') | Should -BeNullOrEmpty
    }

    It 'refuses with -Force when every sample is rejected, and replaces only with -AllowPartial' {
        $ds = Join-Path $TestDrive 'allrejected'
        Build-SmallFiftyOneDataset $ds -Count 3
        $before = Get-TreeSnapshot $ds
        $gone = New-FoSample (Join-Path $TestDrive 'nowhere/missing.png')

        { $gone | Export-FoDataset $ds -Format FiftyOneDataset -Force -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'EmptyExportRefused,*'
        Get-TreeSnapshot $ds | Should -Be $before

        $kept = @(Import-FoDataset $ds -Format FiftyOneDataset)[0]
        $kept | Export-FoDataset $ds -Format FiftyOneDataset -Force -AllowPartial -ErrorVariable errors | Should -BeOfType [IO.DirectoryInfo]
        $errors | Should -BeNullOrEmpty
        @(Import-FoDataset $ds -Format FiftyOneDataset).Count | Should -Be 1
    }

    It 'refuses a partial in-place re-export, naming a file it would delete' {
        $ds = Join-Path $TestDrive 'partial'
        Build-SmallFiftyOneDataset $ds -Count 4
        $before = Get-TreeSnapshot $ds

        $err = { Import-FoDataset $ds -Format FiftyOneDataset -MaxSamples 2 | Export-FoDataset $ds -Format FiftyOneDataset -Force } |
            Should -Throw -ErrorId 'ExportWouldDeleteFiles,*' -PassThru
        $err.Exception.Message | Should -Match 'img3\.png'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.TargetObject | Should -Be $ds
        Get-TreeSnapshot $ds | Should -Be $before
    }
}

Describe 'Import-FoDataset reports unreadable labels files once, as a terminating error' {
    It 'names the <File> of a <Format>' -ForEach @(
        @{ Format = 'FiftyOneDataset'; File = 'samples.json'; Text = '{"samples": [' }
        @{ Format = 'FiftyOneImageClassificationDataset'; File = 'labels.json'; Text = '{"labels": {"a": ' }
        @{ Format = 'COCODetectionDataset'; File = 'labels.json'; Text = 'not json' }
        @{ Format = 'YOLOv5Dataset'; File = 'data.yaml'; Text = "names: [a`nval: [" }
    ) {
        $dir = Join-Path $TestDrive "bad-$Format"
        $null = New-Item -ItemType Directory $dir -Force
        $path = Join-Path $dir $File
        Set-Content $path $Text

        $err = { Import-FoDataset $dir -Format $Format } | Should -Throw -ErrorId 'MalformedLabelsFile,*' -PassThru

        $err.CategoryInfo.Category | Should -Be 'ParserError'
        $err.TargetObject | Should -Be $path
        $err.Exception.Message | Should -BeLike "*$path*"
    }
}

Describe 'Import-FoDataset reads YOLO exports as Roboflow writes them' {
    It 'falls back from exporter-machine absolute paths with a warning' {
        $dir = Join-Path $TestDrive 'roboflow'
        $null = Copy-TestPhoto (Join-Path $dir 'train/images/a.png')
        $null = New-Item -ItemType Directory (Join-Path $dir 'train/labels') -Force
        Set-Content (Join-Path $dir 'train/labels/a.txt') "0 0.5 0.5 0.25 0.25`n0 0.1 0.1 0.3 0.1 0.2 0.3"
        Set-Content (Join-Path $dir 'data.yaml') "train: /Users/someone/project/train/images`nval: ../valid/images`nnames: ['cat']"

        $samples = @(Import-FoDataset $dir -Format YOLOv5Dataset -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors -ErrorAction SilentlyContinue)

        $samples.Count | Should -Be 1
        $samples[0].ground_truth.Detections.Count | Should -Be 2
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*/Users/someone/project/train/images*'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MediaFileMissing,*'
    }
}

Describe 'Export-FoDataset -Format YOLOv5Dataset keeps splits' {
    It 'writes each sample to the split its tags name' {
        $samples = foreach ($split in 'train', 'validation', 'test') {
            $png = Copy-TestPhoto (Join-Path $TestDrive "yolo-src/$split.png")
            $s = New-FoSample $png.FullName -Tags $split -Fields @{ ground_truth = (New-FoDetections @(New-FoDetection thing 0.1, 0.1, 0.5, 0.5)) }
            $s
        }
        $out = Join-Path $TestDrive 'yolo-out'
        $null = $samples | Export-FoDataset $out -Format YOLOv5Dataset

        Import-FoDataset $out -Format YOLOv5Dataset | ForEach-Object { '{0} {1}' -f (Split-Path $_.Filepath -Leaf), ($_.Tags -join ',') } |
            Sort-Object | Should -Be 'test.png test', 'train.png train', 'validation.png validation'
    }
}

Describe 'Ids, names and vector types survive an export' {
    It 'keeps a float[] embedding a float[] through FiftyOneDataset' {
        $png = Copy-TestPhoto (Join-Path $TestDrive 'emb-src/a.png')
        $sample = New-FoSample $png.FullName -Fields @{ embedding = [float[]](0.25, -1.5, 3.0e-7) }
        $out = Join-Path $TestDrive 'fm500'
        $null = $sample | Export-FoDataset $out -Format FiftyOneDataset

        $back = Import-FoDataset $out -Format FiftyOneDataset

        $back.embedding.GetType().Name | Should -Be 'Single[]'
        $back.embedding | Should -Be ([float[]](0.25, -1.5, 3.0e-7))
        (Get-Content (Join-Path $out 'metadata.json') -Raw | ConvertFrom-Json).name | Should -Be 'fm500'
    }

    It 'gives ground_truth_original a label id of its own' {
        $samples = foreach ($i in 1..6) { New-FoSample "/data/$i.png" -Fields @{ ground_truth = (New-FoClassification ('c' + ($i % 2))) } }

        $noisy = @($samples | Add-FoLabelNoise -Fraction 0.5 -Seed 1)

        $noisy | ForEach-Object { $_.ground_truth_original.Id | Should -Not -Be $_.ground_truth.Id }
        @($noisy | ForEach-Object { $_.ground_truth_original.Id; $_.ground_truth.Id } | Sort-Object -Unique).Count | Should -Be 12
    }

    It 'refuses to write two samples with one id, and says which' {
        $a = Copy-TestPhoto (Join-Path $TestDrive 'dup-src/a.png') -Index 0
        $b = Copy-TestPhoto (Join-Path $TestDrive 'dup-src/b.png') -Index 1
        $id = '65a1b2c3d4e5f60718293a4b'
        $out = Join-Path $TestDrive 'dup-out'

        $first = New-FoSample $a.FullName
        $second = New-FoSample $b.FullName
        $first.Id = $id
        $second.Id = $id
        $null = $first, $second | Export-FoDataset $out -Format FiftyOneDataset -ErrorVariable errors -ErrorAction SilentlyContinue

        @($errors | ForEach-Object { '{0}|{1}' -f $_.FullyQualifiedErrorId.Split(',')[0], $_.TargetObject }) | Should -Be "DuplicateSampleId|$($b.FullName)"
        @(Import-FoDataset $out -Format FiftyOneDataset | ForEach-Object Id) | Should -Be $id
    }
}

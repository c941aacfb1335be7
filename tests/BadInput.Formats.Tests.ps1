# A corpus of bad inputs for every dataset reader. Each case builds a small dataset in TestDrive and asserts
# exactly which errors come out (ErrorId, category, target path), that every good sample still comes out, and
# that the import changed and lost no file of the dataset.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    . (Join-Path $PSScriptRoot 'DatasetFormats.Support.ps1')

    function Build-CorpusDataset([string] $Name, [hashtable] $Files, [scriptblock] $Build) {
        $dir = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory $dir -Force
        foreach ($relative in $Files.Keys) { Write-TestFile (Join-Path $dir $relative) $Files[$relative] }
        if ($Build) { & $Build $dir }
        $dir
    }
}

Describe 'Import-FoDataset on bad input' {
    It '<Format>: <Name>' -ForEach @(
        # ---- ImageClassificationDirectoryTree -------------------------------------------------------------
        @{ Format = 'ImageClassificationDirectoryTree'; Name = 'truncated image'
            Files = @{ 'cat/a.png' = 'photo:0'; 'cat/b.png' = 'truncated:1'; 'dog/c.png' = 'photo:2' }
            ExpectedSamples = 'a.png=cat', 'c.png=dog'; ExpectedErrors = 'ImageUnreadable|InvalidData|cat/b.png' }
        @{ Format = 'ImageClassificationDirectoryTree'; Name = 'zero-byte and text files named .png'
            Files = @{ 'cat/a.png' = 'photo:0'; 'cat/empty.png' = 'empty'; 'dog/text.png' = 'this is not an image'; '_unlabeled/u.png' = 'photo:3' }
            ExpectedSamples = 'u.png', 'a.png=cat'; ExpectedErrors = 'ImageUnreadable|InvalidData|cat/empty.png', 'ImageUnreadable|InvalidData|dog/text.png' }
        # ---- FiftyOneImageClassificationDataset ----------------------------------------------------------
        @{ Format = 'FiftyOneImageClassificationDataset'; Name = 'class index out of range'
            Files = @{ 'data/a.png' = 'photo:0'; 'data/b.png' = 'photo:1'; 'labels.json' = '{"classes": ["x", "y"], "labels": {"a": 1, "b": 7}}' }
            ExpectedSamples = 'a.png=y'; ExpectedErrors = 'LabelIndexOutOfRange|InvalidData|labels.json' }
        @{ Format = 'FiftyOneImageClassificationDataset'; Name = 'label key without an image'
            Files = @{ 'data/a.png' = 'photo:0'; 'labels.json' = '{"classes": ["x"], "labels": {"a": 0, "gone": 0}}' }
            ExpectedSamples = 'a.png=x'; ExpectedErrors = 'MediaFileMissing|ObjectNotFound|data/gone' }
        @{ Format = 'FiftyOneImageClassificationDataset'; Name = 'label key escaping the data folder'
            Files = @{ 'data/a.png' = 'photo:0'; 'labels.json' = '{"classes": ["x"], "labels": {"../../../etc/passwd": 0, "a": "x"}}' }
            ExpectedSamples = 'a.png=x'; ExpectedErrors = 'PathOutsideDatasetRoot|SecurityError|../../etc/passwd' }
        @{ Format = 'FiftyOneImageClassificationDataset'; Name = 'truncated labels.json'
            Files = @{ 'data/a.png' = 'photo:0'; 'labels.json' = '{"classes": ["x"], "labels": {"a": 0, ' }
            Terminating = 'MalformedLabelsFile|ParserError|labels.json' }
        # ---- FiftyOneDataset -----------------------------------------------------------------------------
        @{ Format = 'FiftyOneDataset'; Name = 'malformed entry among good ones'
            Files = @{ 'data/a.png' = 'photo:0'; 'data/b.png' = 'photo:1'
                'samples.json' = '{"samples": [{"filepath": "data/a.png"}, {"filepath": "data/b.png", "tags": [3]}, {"filepath": "data/b.png"}]}' }
            ExpectedSamples = 'a.png', 'b.png'; ExpectedErrors = 'MalformedLabels|ParserError|samples.json' }
        @{ Format = 'FiftyOneDataset'; Name = 'duplicate _id'
            Files = @{ 'data/a.png' = 'photo:0'; 'data/b.png' = 'photo:1'
                'samples.json' = '{"samples": [{"_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}, "filepath": "data/a.png"}, {"_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}, "filepath": "data/b.png"}]}' }
            ExpectedSamples = 'a.png'; ExpectedErrors = 'DuplicateSampleId|InvalidData|data/b.png' }
        @{ Format = 'FiftyOneDataset'; Name = 'filepath escaping the dataset and a missing media file'
            Files = @{ 'data/a.png' = 'photo:0'; 'samples.json' = '{"samples": [{"filepath": "../../../etc/hostname"}, {"filepath": "data/gone.png"}, {"filepath": "data/a.png"}]}' }
            ExpectedSamples = 'a.png'; ExpectedErrors = 'PathOutsideDatasetRoot|SecurityError|../../../etc/hostname', 'MediaFileMissing|ObjectNotFound|data/gone.png' }
        @{ Format = 'FiftyOneDataset'; Name = 'samples.json without a samples list'
            Files = @{ 'data/a.png' = 'photo:0'; 'samples.json' = '{"sample": []}' }
            Terminating = 'MalformedLabelsFile|ParserError|samples.json' }
        @{ Format = 'FiftyOneDataset'; Name = 'samples.json cut in half'
            Files = @{ 'data/a.png' = 'photo:0'; 'samples.json' = '{"samples": [{"filepath": "data/a.png"}, {"filep' }
            Terminating = 'MalformedLabelsFile|ParserError|samples.json' }
        # ---- COCODetectionDataset ------------------------------------------------------------------------
        @{ Format = 'COCODetectionDataset'; Name = 'annotation with a string image_id'
            Files = @{ 'data/a.png' = 'photo:0'; 'data/b.png' = 'photo:1'
                'labels.json' = '{"categories": [{"id": 1, "name": "t"}], "images": [{"id": 1, "file_name": "a.png"}, {"id": 2, "file_name": "b.png"}], "annotations": [{"id": 5, "image_id": 1, "category_id": 1, "bbox": [0, 0, 2, 2]}, {"id": 6, "image_id": "2", "category_id": 1, "bbox": [0, 0, 2, 2]}]}' }
            ExpectedSamples = 'a.png=1 objects', 'b.png'; ExpectedErrors = 'MalformedLabels|ParserError|labels.json' }
        @{ Format = 'COCODetectionDataset'; Name = 'unknown category_id'
            Files = @{ 'data/a.png' = 'photo:0'; 'data/b.png' = 'photo:1'
                'labels.json' = '{"categories": [{"id": 1, "name": "t"}], "images": [{"id": 1, "file_name": "a.png"}, {"id": 2, "file_name": "b.png"}], "annotations": [{"id": 5, "image_id": 1, "category_id": 9, "bbox": [0, 0, 2, 2]}]}' }
            ExpectedSamples = 'b.png'; ExpectedErrors = 'LabelIndexOutOfRange|InvalidData|labels.json' }
        @{ Format = 'COCODetectionDataset'; Name = 'file_name escaping the data folder'
            Files = @{ 'data/a.png' = 'photo:0'; 'labels.json' = '{"images": [{"id": 1, "file_name": "../../../etc/hostname"}, {"id": 2, "file_name": "a.png"}]}' }
            ExpectedSamples = 'a.png'; ExpectedErrors = 'PathOutsideDatasetRoot|SecurityError|../../etc/hostname' }
        @{ Format = 'COCODetectionDataset'; Name = 'labels.json without images'
            Files = @{ 'data/a.png' = 'photo:0'; 'labels.json' = '{"categories": [], "annotations": []}' }
            Terminating = 'MalformedLabelsFile|ParserError|labels.json' }
        # ---- YOLOv5Dataset -------------------------------------------------------------------------------
        @{ Format = 'YOLOv5Dataset'; Name = 'polygon, bad and out-of-range rows'
            Files = @{ 'images/train/a.png' = 'photo:0'; 'images/train/b.png' = 'photo:1'; 'data.yaml' = "train: images/train`nnames: [x, y]"
                'labels/train/a.txt' = "0 0.5 0.5 0.2 0.2`n1 0.1 0.1 0.4 0.1 0.3 0.5`n0 0.5 half 0.2 0.2`n5 0.5 0.5 0.1 0.1" }
            ExpectedSamples = 'a.png=2 objects', 'b.png'; ExpectedErrors = 'MalformedLabels|ParserError|labels/train/a.txt', 'LabelIndexOutOfRange|InvalidData|labels/train/a.txt' }
        @{ Format = 'YOLOv5Dataset'; Name = 'Roboflow layout with ../ paths'
            Files = @{ 'train/images/a.png' = 'photo:0'; 'train/labels/a.txt' = '0 0.5 0.5 0.2 0.2'; 'valid/images/b.png' = 'photo:1'
                'data.yaml' = "train: ../train/images`nval: ../valid/images`ntest: ../test/images`nnc: 1`nnames: ['x']`nroboflow:`n  workspace: w" }
            ExpectedSamples = 'a.png=1 objects', 'b.png'; ExpectedErrors = 'MediaFileMissing|ObjectNotFound|test/images' }
        @{ Format = 'YOLOv5Dataset'; Name = 'split folder escaping the dataset'
            Files = @{ 'images/train/a.png' = 'photo:0'; 'data.yaml' = "train: images/train`nval: ../../elsewhere`nnames: [x]" }
            ExpectedSamples = 'a.png'; ExpectedErrors = 'PathOutsideDatasetRoot|SecurityError|../../elsewhere' }
        @{ Format = 'YOLOv5Dataset'; Name = 'data.yaml that is a list'
            Files = @{ 'images/train/a.png' = 'photo:0'; 'data.yaml' = "- train`n- val" }
            Terminating = 'MalformedLabelsFile|ParserError|data.yaml' }
        @{ Format = 'YOLOv5Dataset'; Name = 'data.yaml with nested names'
            Files = @{ 'images/train/a.png' = 'photo:0'; 'data.yaml' = "train: images/train`nnames: [[x, y]]" }
            Terminating = 'MalformedLabelsFile|ParserError|data.yaml' }
        # ---- MNIST (IDX) ---------------------------------------------------------------------------------
        @{ Format = 'MNIST'; Name = 'label index out of range'
            Build = { param($dir)
                Write-TestIdx (Join-Path $dir 't10k-images-idx3-ubyte.gz') ([byte[]]::new(3 * 4 * 4)) 3, 4, 4
                Write-TestIdx (Join-Path $dir 't10k-labels-idx1-ubyte.gz') ([byte[]](1, 12, 3)) 3 }
            ExpectedSamples = '000000.png=1 - one', '000002.png=3 - three'; ExpectedErrors = 'LabelIndexOutOfRange|InvalidData|t10k-labels-idx1-ubyte.gz' }
        @{ Format = 'MNIST'; Name = 'images file shorter than its header says'
            Build = { param($dir)
                Write-TestIdx (Join-Path $dir 't10k-images-idx3-ubyte.gz') ([byte[]]::new(20)) 3, 4, 4
                Write-TestIdx (Join-Path $dir 't10k-labels-idx1-ubyte.gz') ([byte[]](1, 2, 3)) 3 }
            Terminating = 'DatasetUnreadable|InvalidData|.' }
        @{ Format = 'MNIST'; Name = 'deleted and damaged cached PNGs'
            Build = { param($dir)
                Write-TestIdx (Join-Path $dir 't10k-images-idx3-ubyte.gz') ([byte[]]::new(3 * 4 * 4)) 3, 4, 4
                Write-TestIdx (Join-Path $dir 't10k-labels-idx1-ubyte.gz') ([byte[]](0, 1, 2)) 3
                $first = @(Import-FoDataset $dir -Format MNIST -Destination "$dir.cache")
                Remove-Item $first[0].Filepath
                Set-Content $first[1].Filepath 'garbage' }
            ExpectedSamples = '000000.png=0 - zero', '000001.png=1 - one', '000002.png=2 - two' }
        # ---- CIFAR-10 ------------------------------------------------------------------------------------
        @{ Format = 'CIFAR10'; Name = 'record with label 12'
            Build = { param($dir) [IO.File]::WriteAllBytes((Join-Path $dir 'test_batch.bin'), (Get-CifarBatch 3, 12, 9)) }
            ExpectedSamples = '000000.png=cat', '000002.png=truck'; ExpectedErrors = 'LabelIndexOutOfRange|InvalidData|test_batch.bin' }
        @{ Format = 'CIFAR10'; Name = 'batch cut mid-record'
            Build = { param($dir) [IO.File]::WriteAllBytes((Join-Path $dir 'test_batch.bin'), (Get-CifarBatch 3, 4)[0..5000]) }
            Terminating = 'DatasetUnreadable|InvalidData|.' }
        @{ Format = 'CIFAR10'; Name = 'deleted cached PNG'
            Build = { param($dir)
                [IO.File]::WriteAllBytes((Join-Path $dir 'test_batch.bin'), (Get-CifarBatch 0, 1))
                Remove-Item (@(Import-FoDataset $dir -Format CIFAR10 -Destination "$dir.cache")[1].Filepath) }
            ExpectedSamples = '000000.png=airplane', '000001.png=automobile' }
    ) {
        $dir = Build-CorpusDataset ($Format + '-' + ($Name -replace '\W+', '-')) $Files $Build
        $cacheArgs = if ($Format -in 'MNIST', 'CIFAR10') { @{ Destination = "$dir.cache" } } else { @{} }
        $before = Get-TreeSnapshot $dir

        if ($Terminating) {
            $id, $category, $target = $Terminating -split '\|'
            $err = { Import-FoDataset $dir -Format $Format @cacheArgs } | Should -Throw -ErrorId "$id,*" -PassThru
            $err.CategoryInfo.Category | Should -Be $category
            Get-RelativeTestPath $dir $err.TargetObject | Should -Be $target
            $err.Exception.Message | Should -Not -Match '\(Parameter |Actual value was|current state of the object|given key was not present'
        }
        else {
            $samples = @(Import-FoDataset $dir -Format $Format @cacheArgs -ErrorVariable errors -ErrorAction SilentlyContinue)
            @($errors | ForEach-Object { '{0}|{1}|{2}' -f $_.FullyQualifiedErrorId.Split(',')[0], $_.CategoryInfo.Category, (Get-RelativeTestPath $dir $_.TargetObject) }) |
                Should -Be @($ExpectedErrors)
            @($samples | Format-SampleSummary) | Should -Be @($ExpectedSamples)
            $errors | ForEach-Object { $_.Exception.Message | Should -Match ([regex]::Escape((Split-Path $_.TargetObject -Leaf))) }
        }
        Get-TreeSnapshot $dir | Should -Be $before
        if ($cacheArgs.Count) { @(Get-ChildItem "$dir.cache" -Recurse -Filter *.tmp -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty }
    }
}

Describe 'Export-FoDataset on bad input' {
    It '<Format>: samples whose media is gone are reported and the rest is written completely' -ForEach @(
        @{ Format = 'FiftyOneDataset' }
        @{ Format = 'COCODetectionDataset' }
        @{ Format = 'ImageClassificationDirectoryTree' }
    ) {
        $source = Join-Path $TestDrive "export-src-$Format"
        $good = Copy-TestPhoto (Join-Path $source 'good.png') -Index 0
        $gone = Copy-TestPhoto (Join-Path $source 'gone.png') -Index 1
        $label = if ($Format -eq 'COCODetectionDataset') { New-FoDetections @(New-FoDetection t 0.1, 0.1, 0.5, 0.5) } else { New-FoClassification t }
        $samples = $good, $gone | ForEach-Object { New-FoSample $_.FullName -Fields @{ ground_truth = $label } }
        Remove-Item $gone
        $out = Join-Path $TestDrive "export-out-$Format"

        $null = $samples | Export-FoDataset $out -Format $Format -ErrorVariable errors -ErrorAction SilentlyContinue

        @($errors | ForEach-Object { '{0}|{1}' -f $_.FullyQualifiedErrorId.Split(',')[0], $_.TargetObject }) | Should -Be "MediaFileMissing|$($gone.FullName)"
        $errors[0].Exception.Message | Should -BeLike "*$($gone.FullName)*"
        @(Import-FoDataset $out -Format $Format | ForEach-Object { Split-Path $_.Filepath -Leaf }) | Should -Be 'good.png'
        @(Get-ChildItem $TestDrive -Directory -Force | Where-Object Name -Like ".export-out-$Format*") | Should -BeNullOrEmpty
    }
}

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test; the tests that expect errors capture them with -ErrorVariable.
    $ErrorActionPreference = 'Stop'
    $photos = '/usr/lib/python3/dist-packages/skimage/data'
    $fashionMnist = '/usr/share/datasets/fashion-mnist'
    # Unpacking 10000 PNG files takes seconds, so the unpacked copy is kept between runs.
    $fashionMnistCache = Join-Path ([System.IO.Path]::GetTempPath()) "fob-tests-fashion-mnist-$([Environment]::UserName)"

    function Copy-Photo([string] $Photo, [string] $Destination) {
        $null = New-Item -ItemType Directory -Path (Split-Path $Destination -Parent) -Force
        Copy-Item (Join-Path $photos $Photo) $Destination
    }

    # An IDX file (the MNIST array format), gzipped: magic with the unsigned-byte type, big-endian dimensions, data.
    function Write-GzipIdx([string] $Path, [byte[]] $Data, [int[]] $Dimensions) {
        $file = [System.IO.File]::Create($Path)
        $gzip = [System.IO.Compression.GZipStream]::new($file, [System.IO.Compression.CompressionLevel]::Fastest)
        try {
            $gzip.Write([byte[]](0, 0, 0x08, $Dimensions.Count), 0, 4)
            foreach ($d in $Dimensions) {
                $bytes = [BitConverter]::GetBytes([int]$d); [Array]::Reverse($bytes)
                $gzip.Write($bytes, 0, 4)
            }
            $gzip.Write($Data, 0, $Data.Length)
        }
        finally { $gzip.Dispose() }
    }
}

Describe 'Import-FoDataset' {
    BeforeEach {
        $dir = (New-Item -ItemType Directory -Path (Join-Path $TestDrive (New-Guid))).FullName
    }

    Context 'per-sample problems are non-terminating errors and the rest imports' {
        It 'imports the good images of a directory tree with exactly one error for a corrupt PNG' {
            Copy-Photo astronaut.png (Join-Path $dir person astronaut.png)
            Copy-Photo chelsea.png (Join-Path $dir cat chelsea.png)
            Copy-Photo coffee.png (Join-Path $dir cup coffee.png)
            $corrupt = Join-Path $dir cup broken.png
            $bytes = Get-Content (Join-Path $photos camera.png) -AsByteStream -Raw
            Set-Content $corrupt -Value $bytes[0..([Math]::Floor($bytes.Length / 3) - 1)] -AsByteStream

            $lines = Import-FoDataset $dir -Format ImageClassificationDirectoryTree -ErrorVariable errors -ErrorAction SilentlyContinue |
                ForEach-Object { '{0}|{1}|{2}x{3}' -f (Split-Path $_.Filepath -Leaf), $_.ground_truth.Label, $_.Metadata.Width, $_.Metadata.Height }

            $lines | Should -Be 'chelsea.png|cat|451x300', 'coffee.png|cup|600x400', 'astronaut.png|person|512x512'
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'ImageUnreadable,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand'
            $errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
            $errors[0].TargetObject | Should -Be $corrupt
        }

        It 'reports a label index out of range once, naming the labels file' {
            Write-GzipIdx (Join-Path $dir t10k-images-idx3-ubyte.gz) -Data ([byte[]]::new(3 * 2 * 2)) -Dimensions 3, 2, 2
            $labels = Join-Path $dir t10k-labels-idx1-ubyte.gz
            Write-GzipIdx $labels -Data ([byte[]](7, 10, 3)) -Dimensions 3

            $digits = Import-FoDataset $dir -Format MNIST -Split test -Destination (Join-Path $dir cache) -LabelField digit -ErrorVariable errors -ErrorAction SilentlyContinue |
                ForEach-Object { $_.digit.Label }

            $digits | Should -Be '7 - seven', '3 - three'
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelIndexOutOfRange,*'
            $errors[0].TargetObject | Should -Be $labels
        }

        It 'reports malformed JSON as one parser error naming the file' {
            $labels = Join-Path $dir labels.json
            Set-Content $labels -Value '{"classes": ["a"], "labels": {"x": 0,' -NoNewline

            $samples = Import-FoDataset $dir -Format FiftyOneImageClassificationDataset -ErrorVariable errors -ErrorAction SilentlyContinue

            $samples | Should -BeNullOrEmpty
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'MalformedLabels,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand'
            $errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ParserError)
            $errors[0].TargetObject | Should -Be $labels
        }

        It 'reports a path escaping the dataset root as one security error and imports the rest' {
            Copy-Photo camera.png (Join-Path $dir data camera.png)
            Copy-Photo chelsea.png (Join-Path $dir chelsea.png)
            Set-Content (Join-Path $dir labels.json) -Value @'
{"categories": [{"id": 1, "name": "x"}],
 "images": [{"id": 1, "file_name": "camera.png", "width": 512, "height": 512}, {"id": 2, "file_name": "../chelsea.png"}],
 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 256, 128]}]}
'@

            $boxes = Import-FoDataset $dir -Format COCODetectionDataset -ErrorVariable errors -ErrorAction SilentlyContinue |
                ForEach-Object { $_.ground_truth.Detections[0].BoundingBox -join ',' }

            $boxes | Should -HaveCount 1
            $boxes | Should -Be '0,0,0.5,0.25'
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'PathOutsideDatasetRoot,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand'
            $errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::SecurityError)
            $errors[0].TargetObject | Should -Be (Join-Path $dir chelsea.png)
        }
    }

    Context 'array formats' {
        It 'imports the Fashion-MNIST test split as 10000 samples, 1000 per class, tagged with the split' {
            $samples = Import-FoDataset $fashionMnist -Format FashionMNIST -Split test -Destination $fashionMnistCache
            $counts = @{}
            $samples | ForEach-Object { $counts[$_.ground_truth.Label] += 1 }

            $samples.Count | Should -Be 10000
            $counts.Count | Should -Be 10
            @($counts.Values | Where-Object { $_ -ne 1000 }).Count | Should -Be 0
            $counts['Ankle boot'] | Should -Be 1000
            $samples[0].Tags -join ',' | Should -Be 'test'
        }
    }

    Context 'parameters' {
        It 'shapes the stream with -MaxSamples and -LabelField, and takes the format name in any case' {
            Copy-Photo astronaut.png (Join-Path $dir a 1.png)
            Copy-Photo camera.png (Join-Path $dir a 2.png)
            Copy-Photo chelsea.png (Join-Path $dir b 3.png)

            Import-FoDataset -Path $dir -Format imageclassificationdirectorytree -MaxSamples 2 -LabelField truth |
                ForEach-Object { $_.truth.Label } | Should -Be 'a', 'a'
        }
    }

    Context 'whole-run problems stop with one terminating error' {
        It 'stops on an unknown format and lists the known ones' {
            $imported = [System.Collections.Generic.List[object]]::new()

            $thrown = { Import-FoDataset $dir -Format PascalVOC | ForEach-Object { $imported.Add($_) } } |
                Should -Throw -ErrorId 'UnknownDatasetFormat,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand' -PassThru

            $thrown.Exception.Message | Should -BeLike '*Known formats: ImageClassificationDirectoryTree*'
            $imported | Should -BeNullOrEmpty
        }

        It 'stops on a missing directory and names it' {
            $missing = Join-Path $dir nope
            $imported = [System.Collections.Generic.List[object]]::new()

            $thrown = { Import-FoDataset $missing -Format ImageClassificationDirectoryTree | ForEach-Object { $imported.Add($_) } } |
                Should -Throw -ErrorId 'DatasetDirectoryNotFound,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand' -PassThru

            $thrown.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
            $thrown.TargetObject | Should -Be $missing
            $imported | Should -BeNullOrEmpty
        }
    }
}

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test; the tests that expect errors capture them with -ErrorVariable.
    $ErrorActionPreference = 'Stop'
    $photos = '/usr/lib/python3/dist-packages/skimage/data'

    function Copy-Photo([string] $Photo, [string] $Destination) {
        $null = New-Item -ItemType Directory -Path (Split-Path $Destination -Parent) -Force
        Copy-Item (Join-Path $photos $Photo) $Destination
    }

    function Get-RelativeName([string] $Root, [string] $Path) {
        [System.IO.Path]::GetRelativePath($Root, $Path).Replace('\', '/')
    }
}

Describe 'ImageDirectory format' {
    BeforeEach {
        $dir = (New-Item -ItemType Directory -Path (Join-Path $TestDrive (New-Guid))).FullName
    }

    Context 'Import-FoDataset -Format ImageDirectory' {
        It 'reads every image below the folder, recursively, without labels and with true sizes' {
            Copy-Photo chelsea.png (Join-Path $dir chelsea.png)
            Copy-Photo coffee.png (Join-Path $dir trip day1 coffee.png)
            Copy-Photo hubble_deep_field.jpg (Join-Path $dir trip day2 deep hubble.jpg)
            Copy-Photo camera.png (Join-Path $dir .hidden camera.png)
            Copy-Photo astronaut.png (Join-Path $dir .astronaut.png)
            Set-Content (Join-Path $dir trip notes.txt) -Value 'not an image'

            $samples = Import-FoDataset $dir -Format ImageDirectory

            $samples | ForEach-Object { '{0} {1}x{2}' -f (Get-RelativeName $dir $_.Filepath), $_.Metadata.Width, $_.Metadata.Height } |
                Should -Be 'chelsea.png 451x300', 'trip/day1/coffee.png 600x400', 'trip/day2/deep/hubble.jpg 1000x872'
            $samples | ForEach-Object { @($_.FieldNames).Count } | Should -Be 0, 0, 0
        }

        It 'reports a truncated image as one ImageUnreadable error and imports the rest' {
            Copy-Photo chelsea.png (Join-Path $dir a chelsea.png)
            $corrupt = Join-Path $dir b broken.png
            $null = New-Item -ItemType Directory -Path (Split-Path $corrupt -Parent)
            $bytes = Get-Content (Join-Path $photos coffee.png) -AsByteStream -Raw
            Set-Content $corrupt -Value $bytes[0..([Math]::Floor($bytes.Length / 2))] -AsByteStream

            $samples = Import-FoDataset $dir -Format ImageDirectory -ErrorVariable errors -ErrorAction SilentlyContinue

            $samples | ForEach-Object { Split-Path $_.Filepath -Leaf } | Should -Be 'chelsea.png'
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'ImageUnreadable,FiftyOneBrain.PowerShell.Commands.ImportFoDatasetCommand'
            $errors[0].TargetObject | Should -Be $corrupt
        }

        It 'stops after -MaxSamples samples' {
            'astronaut.png', 'camera.png', 'chelsea.png', 'coffee.png' | ForEach-Object { Copy-Photo $_ (Join-Path $dir $_) }

            $samples = Import-FoDataset $dir -Format ImageDirectory -MaxSamples 2

            $samples | ForEach-Object { Split-Path $_.Filepath -Leaf } | Should -Be 'astronaut.png', 'camera.png'
        }

        It 'stops with DatasetDirectoryNotFound for a missing folder' {
            { Import-FoDataset (Join-Path $dir missing) -Format ImageDirectory } | Should -Throw -ErrorId 'DatasetDirectoryNotFound,*'
        }

        It 'is offered by tab completion for import and export' {
            foreach ($command in 'Import-FoDataset', 'Export-FoDataset') {
                $line = "$command ./x -Format ImageDir"
                $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
                $completions.CompletionMatches.CompletionText | Should -Contain 'ImageDirectory'
            }
        }
    }

    Context 'Export-FoDataset -Format ImageDirectory' {
        It 'copies the images flat, renaming same-named files, and reads back the same pixels' {
            Copy-Photo chelsea.png (Join-Path $dir src a cat.png)
            Copy-Photo coffee.png (Join-Path $dir src b cat.png)
            Copy-Photo camera.png (Join-Path $dir src camera.png)
            $src = Import-FoDataset (Join-Path $dir src) -Format ImageDirectory

            $out = $src | Export-FoDataset (Join-Path $dir out) -Format ImageDirectory
            $back = Import-FoDataset $out.FullName -Format ImageDirectory

            Get-ChildItem $out.FullName -Recurse -File | ForEach-Object Name | Sort-Object | Should -Be 'camera.png', 'cat-1.png', 'cat.png'
            $hashes = { param($s) $s | ForEach-Object { (Get-FileHash $_.Filepath).Hash } | Sort-Object }
            & $hashes $back | Should -Be (& $hashes $src)
        }

        It 'exports labelled samples without their labels' {
            Copy-Photo chelsea.png (Join-Path $dir tree cat chelsea.png)
            Copy-Photo coffee.png (Join-Path $dir tree cup coffee.png)
            $src = Import-FoDataset (Join-Path $dir tree) -Format ImageClassificationDirectoryTree

            $out = $src | Export-FoDataset (Join-Path $dir out) -Format ImageDirectory
            $back = Import-FoDataset $out.FullName -Format ImageDirectory

            $src | ForEach-Object { $_.ground_truth.Label } | Should -Be 'cat', 'cup'
            $back | ForEach-Object { Split-Path $_.Filepath -Leaf } | Should -Be 'chelsea.png', 'coffee.png'
            $back | Where-Object { $_.FieldNames -contains 'ground_truth' } | Should -BeNullOrEmpty
        }

        It 'reports a sample whose media is missing as MediaFileMissing and exports the rest' {
            Copy-Photo chelsea.png (Join-Path $dir chelsea.png)
            $gone = Join-Path $dir gone.png
            $samples = (New-FoSample (Join-Path $dir chelsea.png)), (New-FoSample $gone)

            $out = $samples | Export-FoDataset (Join-Path $dir out) -Format ImageDirectory -ErrorVariable errors -ErrorAction SilentlyContinue

            Get-ChildItem $out.FullName -File | ForEach-Object Name | Should -Be 'chelsea.png'
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'MediaFileMissing,*'
            $errors[0].TargetObject | Should -Be $gone
        }

        It 'leaves an existing folder alone without -Force' {
            Copy-Photo chelsea.png (Join-Path $dir chelsea.png)
            $target = (New-Item -ItemType Directory -Path (Join-Path $dir out)).FullName
            Set-Content (Join-Path $target keep.txt) -Value 'mine'

            { New-FoSample (Join-Path $dir chelsea.png) | Export-FoDataset $target -Format ImageDirectory } | Should -Throw -ErrorId 'DatasetExists,*'
            Get-ChildItem $target -File | ForEach-Object Name | Should -Be 'keep.txt'
        }
    }
}

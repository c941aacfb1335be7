BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force

    function Get-GalleryData([string] $Path) {
        # The data the page carries, to check what Show-FoDataset put in it.
        $html = Get-Content -Path $Path -Raw
        if ($html -notmatch '(?s)<script type="application/json" id="fo-data">(.*?)</script>') { throw "$Path has no gallery data block." }
        $Matches[1] | ConvertFrom-Json
    }

    function New-LetterSample([string] $Directory) {
        # Five samples a..e with a mistakenness of 0.3, 0.9, 0.1, 0.7, 0.5; their PNGs are written by New-TestImage.
        $scores = 0.3, 0.9, 0.1, 0.7, 0.5
        foreach ($i in 0..4) {
            $name = [string][char](97 + $i)
            New-FoSample -Filepath (Join-Path $Directory "$name.png") -Tags train -Fields @{
                ground_truth = (New-FoClassification -Label cat); mistakenness = $scores[$i] }
        }
    }

    function New-TestImage([string] $Directory, [string[]] $Name) {
        foreach ($n in $Name) { $null = New-TestPng (Join-Path $Directory $n) -Width 40 -Height 30 -From 30, 60, 120 -To 200, 180, 90 }
    }
}

Describe 'Show-FoDataset' {
    BeforeEach {
        $dir = (New-Item -ItemType Directory -Path (Join-Path $TestDrive (New-Guid))).FullName
        $page = Join-Path $dir 'gallery.html'
        $samples = New-LetterSample $dir
    }

    Context 'writing the page' {
        It 'writes one page with a card per sample and outputs its file' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png

            $out = $samples | Show-FoDataset -Path $page -Verbose -ErrorVariable errors 4>&1
            $verbose = $out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            $file = $out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

            $errors | Should -BeNullOrEmpty
            $file | Should -HaveCount 1
            $file | Should -BeOfType [System.IO.FileInfo]
            $file.FullName | Should -Be $page
            $data = Get-GalleryData $file.FullName
            $data.samples.name | Should -Be a.png, b.png, c.png, d.png, e.png
            $data.samples | ForEach-Object { $_.thumb | Should -BeLike 'data:image/png;base64,*' }
            $data.scoreFields[0] | Should -Be 'mistakenness'
            $verbose | Where-Object { $_.StartsWith('Gallery of 5 of 5 sample(s), 1 score field(s)') } | Should -Not -BeNullOrEmpty
        }

        It 'puts the top samples on the page with -SortBy, -Descending and -First' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png

            $null = $samples | Show-FoDataset $page -SortBy Mistakenness -Descending -First 3 -ErrorVariable errors

            $errors | Should -BeNullOrEmpty
            $data = Get-GalleryData $page
            $data.samples.name | Should -Be b.png, d.png, e.png
            $data.sortBy | Should -BeExactly 'mistakenness'
            $data.descending | Should -BeOfType [bool]
            $data.descending | Should -BeTrue
            $data.inputCount | Should -BeOfType [long]
            $data.inputCount | Should -Be 5
        }

        It 'passes every sample on in input order with -PassThru' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png

            $out = $samples | Show-FoDataset -Path $page -SortBy mistakenness -First 1 -PassThru -ErrorVariable errors |
                ForEach-Object { $_.mistakenness }

            $errors | Should -BeNullOrEmpty
            $out | Should -Be 0.3, 0.9, 0.1, 0.7, 0.5
            (Get-GalleryData $page).samples.name | Should -Be c.png
        }

        It 'writes no page and outputs nothing with -WhatIf' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png

            $out = $samples | Show-FoDataset -Path $page -WhatIf -ErrorVariable errors

            $errors | Should -BeNullOrEmpty
            $out | Should -BeNullOrEmpty
            Get-ChildItem -Path $dir -Filter '*.htm*' | Should -BeNullOrEmpty
            Get-ChildItem -Path $dir -Filter '*.tmp' | Should -BeNullOrEmpty
        }
    }

    Context 'the embeddings map and the curation fields' {
        It 'carries each point, duplicate, leak, issue and relabel in the page data, from fields set in PowerShell' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png
            $i = 0
            foreach ($s in $samples) { $s.visualization = @($i, (2 * $i), 7); $i++ }
            $samples[1].duplicate_of = $samples[0].Id
            $samples[1].duplicate_distance = 0.04
            $samples[2].leak = $true
            $samples[2].leak_of = $samples[3].Id
            $samples[3].image_issues = @('dark', 'odd_size')
            $samples[4].ground_truth_original = New-FoClassification -Label dog
            $samples[4].Tags.Add('relabeled')

            $null = $samples | Show-FoDataset -Path $page -ErrorVariable errors

            $errors | Should -BeNullOrEmpty
            $data = Get-GalleryData $page
            $data.mapField | Should -Be 'visualization'
            $data.samples | ForEach-Object { $_.point } | Should -Be 0, 0, 1, 2, 2, 4, 3, 6, 4, 8
            $data.samples[1].duplicateOf | Should -Be $samples[0].Id
            $data.samples[2].leak | Should -BeTrue
            $data.samples[2].leakOf | Should -Be $samples[3].Id
            $data.samples[3].issues | Should -Be dark, odd_size
            $data.samples[4].relabel.field, $data.samples[4].relabel.from, $data.samples[4].relabel.to | Should -Be ground_truth, dog, cat
            $data.samples[0].PSObject.Properties.Name | Should -Not -Contain 'duplicateOf'
        }

        It 'stops when a -MapField given on the command line is on no sample, and writes nothing' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png
            { $samples | Show-FoDataset -Path $page -MapField umap } |
                Should -Throw -ErrorId 'FieldNotFound,FiftyOneBrain.PowerShell.Commands.ShowFoDatasetCommand'
            Test-Path $page | Should -BeFalse
        }

        It 'warns once when only some samples have a point, and draws no map when none has one' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png
            $samples[0].visualization = @(1.5, 2.5)
            $null = $samples | Show-FoDataset -Path $page -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -HaveCount 1
            "$warnings" | Should -BeLike "4 of 5 samples have no field 'visualization'*map*"
            (Get-GalleryData $page).mapField | Should -Be 'visualization'

            $null = New-LetterSample $dir | Show-FoDataset -Path $page -WarningVariable warnings
            $warnings | Should -BeNullOrEmpty
            (Get-GalleryData $page).PSObject.Properties.Name | Should -Not -Contain 'mapField'
        }
    }

    Context 'problems' {
        It 'reports an unreadable image as a per-sample error and keeps its card on the page' {
            New-TestImage $dir a.png, c.png, d.png, e.png             # b.png is missing
            Set-Content -Path (Join-Path $dir 'd.png') -Value 'not a png' # d.png is garbage

            $out = $samples | Show-FoDataset -Path $page -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors.FullyQualifiedErrorId | Select-Object -Unique | Should -Be 'ThumbnailFailed,FiftyOneBrain.PowerShell.Commands.ShowFoDatasetCommand'
            $errors.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound), ([System.Management.Automation.ErrorCategory]::InvalidData)
            $errors.TargetObject.Filepath | Should -Be (Join-Path $dir 'b.png'), (Join-Path $dir 'd.png')
            $cards = (Get-GalleryData $page).samples
            $cards | Should -HaveCount 5
            $cards[1].PSObject.Properties.Name | Should -Not -Contain 'thumb'
            $cards[1].error | Should -BeLike '*b.png*'
            $cards[0].PSObject.Properties.Name | Should -Contain 'thumb'
            $out | Should -HaveCount 1
            $out | Should -BeOfType [System.IO.FileInfo]
        }

        It 'stops with one clear error when sorting by a field no sample has' {
            New-TestImage $dir a.png, b.png, c.png, d.png, e.png

            # Output and non-terminating errors land in $written: the thrown error must be the only one.
            $written = [System.Collections.Generic.List[object]]::new()
            $thrown = { $samples | Show-FoDataset -Path $page -SortBy uniqueness 2>&1 | ForEach-Object { $written.Add($_) } } |
                Should -Throw -ErrorId 'SortFieldNotFound,FiftyOneBrain.PowerShell.Commands.ShowFoDatasetCommand' -PassThru

            $written | Should -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -BeExactly 'SortFieldNotFound,FiftyOneBrain.PowerShell.Commands.ShowFoDatasetCommand'
            $thrown.Exception.Message | Should -BeLike "*'uniqueness'*"
            Get-ChildItem -Path $dir -Filter '*.htm*' | Should -BeNullOrEmpty
        }

        Context 'without a desktop' {
            BeforeAll {
                $display = $env:DISPLAY
                $wayland = $env:WAYLAND_DISPLAY
                $env:DISPLAY = $null
                $env:WAYLAND_DISPLAY = $null
            }

            AfterAll {
                $env:DISPLAY = $display
                $env:WAYLAND_DISPLAY = $wayland
            }

            It 'warns about unknown -Fields and about -Open, but still writes the page' {
                New-TestImage $dir a.png, b.png, c.png, d.png, e.png

                $null = $samples | Show-FoDataset -Path $page -Fields mistakenness, hardnes -Open -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable errors

                $errors | Should -BeNullOrEmpty
                $warned | Should -HaveCount 2
                $warned[0].Message | Should -BeExactly "No sample has a field 'hardnes' that the gallery can show."
                $warned[1].Message | Should -BeLike 'No desktop to open a browser on*'
                $warned[1].Message | Should -BeLike "*file://$dir*"
                (Get-GalleryData $page).labelFields | Should -HaveCount 0 # -Fields left ground_truth out
            }
        }
    }
}

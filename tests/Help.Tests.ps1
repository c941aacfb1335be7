# Cmdlet help as a user reads it (Get-Help on the staged module), and every example in it run as written.
# Examples run in a TestDrive folder per cmdlet (in order, so a later example may use a file an earlier one
# wrote) that holds the fixture described in docs/help/README.md. Markers in the Markdown, on the line after
# an example's heading: `<!-- example: slow -->` (tagged Slow) and `<!-- example: not run, <reason> -->` (skipped).

BeforeDiscovery {
    $helpSources = Join-Path (Split-Path $PSScriptRoot -Parent) 'docs' 'help'
    $commands = Get-ChildItem $helpSources -Filter '*-*.md' | ForEach-Object BaseName | Sort-Object
    $examples = foreach ($command in $commands) {
        $index = 0
        $lines = Get-Content (Join-Path $helpSources "$command.md")
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -notmatch '^### (Example \d+.*)$') { continue }
            $title = $Matches[1]
            $marker = if ($i + 1 -lt $lines.Count -and $lines[$i + 1] -match '^<!-- example: (?<m>.+?) -->$') { $Matches['m'] } else { '' }
            @{
                Command = $command; Index = $index++; Title = $title
                Slow = $marker -eq 'slow'; NotRun = $marker -like 'not run*'; Reason = $marker
            }
        }
    }
    $exampleGroups = foreach ($command in $commands) {
        $own = @($examples | Where-Object { $_.Command -eq $command })
        @{ Command = $command
            Fast = @($own | Where-Object { -not $_.Slow -and -not $_.NotRun })
            Slow = @($own | Where-Object { $_.Slow })
            NotRun = @($own | Where-Object { $_.NotRun }) }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    Import-Module (Get-StagedModulePath -Name FiftyOneBrain.Training) -Force
}

Describe 'Cmdlet help' {
    It 'has a help source for every exported cmdlet' {
        $sources = Get-ChildItem (Join-Path (Get-TestRepoRoot) 'docs' 'help') -Filter '*-*.md' | ForEach-Object BaseName
        (Get-Command -Module FiftyOneBrain -CommandType Cmdlet).Name | Where-Object { $_ -notin $sources } | Should -BeNullOrEmpty
    }

    Context '<_>' -ForEach $commands {
        BeforeAll {
            $name = $_
            $help = Get-Help $name -Full
            $command = Get-Command $name
            $common = [System.Management.Automation.Cmdlet]::CommonParameters
        }

        It 'has a synopsis and a description' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match "^\s*$name\s"   # not the generated placeholder
            ($help.description.Text -join ' ') | Should -Match '\w{3,}'
        }

        It 'has examples with code and an explanation' {
            $help.examples.example | Should -Not -BeNullOrEmpty
            foreach ($example in $help.examples.example) { $example.code | Should -Not -BeNullOrEmpty }
        }

        It 'describes every parameter with its type and default value' {
            $documented = @{}
            foreach ($parameter in $help.parameters.parameter) { $documented[$parameter.name] = $parameter }
            foreach ($parameter in $command.Parameters.Values | Where-Object { $common -notcontains $_.Name }) {
                $entry = $documented[$parameter.Name]
                $entry | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs help"
                ($entry.description.Text -join ' ') | Should -Match '\w' -Because "-$($parameter.Name) needs a description"
                $entry.type.name | Should -Be $parameter.ParameterType.FullName
                "$($entry.defaultValue)".Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a default value"
            }
        }

        It 'shows -WhatIf and -Confirm in SYNTAX and as parameters when the cmdlet supports ShouldProcess' {
            $supports = $command.Parameters.ContainsKey('WhatIf')
            $syntax = Get-Help $name | Select-Object -ExpandProperty syntax | Out-String -Width 500
            foreach ($switch in 'WhatIf', 'Confirm') {
                if ($supports) {
                    $syntax | Should -Match "\[-$switch\]"
                    (Get-Help $name -Parameter $switch).name | Should -Be $switch
                }
                else { $syntax | Should -Not -Match "-$switch" }
            }
        }
    }

    Context 'Rendering' {
        It 'keeps each item of a Markdown list on its own line in <_>' -ForEach 'Import-FoDataset', 'Export-FoDataset', 'Show-FoDataset' {
            $text = Get-Help $_ -Full | Out-String -Width 400
            $items = @($text -split '\r?\n' | Where-Object { $_ -match '^\s+- \S' })
            $items.Count | Should -BeGreaterOrEqual 3
            $text | Should -Not -Match '\S; - [a-z`]'   # list items run together into one paragraph
        }

        It 'lists every format of Import-FoDataset as a line of its own' {
            $lines = Get-Help Import-FoDataset -Full | Out-String -Width 400
            foreach ($format in 'ImageClassificationDirectoryTree', 'FiftyOneDataset', 'COCODetectionDataset', 'YOLOv5Dataset', 'CIFAR10') {
                $lines | Should -Match "(?m)^\s+- ``$format``"
            }
        }

        It 'shows the default of a parameter in its own row' {
            $row = Get-Help Show-FoDataset -Parameter ThumbnailSize | Out-String -Width 200
            $row | Should -Match 'Default value\s+96'
        }

        It 'shows accepted values in SYNTAX' {
            Get-Help Find-FoMistake | Select-Object -ExpandProperty syntax | Out-String -Width 500 |
                Should -Match '-Method \{FiftyOne \| ConfidentLearning\}'
        }

        It 'leaves the example markers out of the help' {
            Get-Help New-FoModel -Examples | Out-String | Should -Not -Match '<!--'
        }
    }
}

Describe 'Results that examples state' {
    BeforeAll {
        function Get-ExampleOutput {
            param([string] $Command, [int] $Index)
            $ErrorActionPreference = 'Stop'
            & ([scriptblock]::Create(@((Get-Help $Command).examples.example)[$Index].code))
        }
        Push-Location $TestDrive
    }
    AfterAll { Pop-Location }

    It 'Measure-FoHardness Example 2 gives only b.png, at ln 3, and a.png 0.177' {
        $out = @(Get-ExampleOutput Measure-FoHardness 1)
        $out.Filepath | Should -HaveCount 1
        $out[0].Filepath | Should -Match 'b\.png$'
        $out[0].h | Should -BeGreaterThan 1.0986
        $out[0].h | Should -BeLessThan 1.0987
        $a = New-FoSample a.png -Fields @{ model = (New-FoClassification cat -Logits 4, 0, 0) } | Measure-FoHardness -PredictionField model
        [math]::Round($a.hardness, 3) | Should -Be 0.177
        ((Get-Help Measure-FoHardness).examples.example[1].remarks.Text -join ' ') | Should -Match '0\.177'
    }

    It 'Measure-FoUniqueness Example 4 prints the values its text gives' {
        Get-ExampleOutput Measure-FoUniqueness 4 | ForEach-Object { ($_ -split ' ')[1] } |
            Should -Be @('0.224', '0.184', '0.255', '0.500', '1.000')
    }

    It 'Add-FoLabelNoise Example 1 tags 400 mistakes' {
        Get-ExampleOutput Add-FoLabelNoise 0 | Should -Be 400
    }
}

Describe 'Help examples' {
    BeforeAll {
        # The fixture of docs/help/README.md: ./pets (photos in class folders), ./coco and ./coco-predictions
        # (COCO annotations and detector results for those photos) and ./emb.npy (one embedding per photo).
        $fixture = Join-Path $TestDrive 'fixture'
        $photos = '/usr/lib/python3/dist-packages/skimage/data'
        $classes = [ordered]@{ cat = @('chelsea.png'); horse = @('horse.png'); other = @('astronaut.png', 'coffee.png', 'rocket.jpg') }
        foreach ($class in $classes.Keys) {
            $folder = New-Item -ItemType Directory -Path (Join-Path $fixture 'pets' $class) -Force
            $classes[$class] | ForEach-Object { Copy-Item (Join-Path $photos $_) $folder }
        }
        $files = Get-ChildItem (Join-Path $fixture 'pets') -Recurse -File
        $annotations = $files | ForEach-Object {
            New-FoSample $_.FullName -Fields @{ ground_truth = New-FoDetections @(
                    (New-FoDetection -Label object -BoundingBox 0.1, 0.1, 0.5, 0.5),
                    (New-FoDetection -Label object -BoundingBox 0.6, 0.6, 0.3, 0.3)) }
        }
        $null = $annotations | Export-FoDataset (Join-Path $fixture 'coco') -Format COCODetectionDataset
        $results = $files | ForEach-Object {
            New-FoSample $_.FullName -Fields @{ ground_truth = New-FoDetections @(
                    (New-FoDetection -Label object -BoundingBox 0.12, 0.1, 0.5, 0.5 -Confidence 0.9),
                    (New-FoDetection -Label object -BoundingBox 0.1, 0.6, 0.2, 0.2 -Confidence 0.97)) }
        }
        $null = $results | Export-FoDataset (Join-Path $fixture 'coco-predictions') -Format COCODetectionDataset

        # emb.npy: a float64 array of one 3-number row per photo, in NumPy's .npy layout (version 1.0).
        $rows = $files.Count
        $header = "{'descr': '<f8', 'fortran_order': False, 'shape': ($rows, 3), }"
        $header = $header.PadRight(64 * [math]::Ceiling(($header.Length + 11) / 64) - 11) + "`n"
        $bytes = [System.Collections.Generic.List[byte]]::new()
        $bytes.AddRange([byte[]](0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0))
        $bytes.AddRange([BitConverter]::GetBytes([uint16]$header.Length))
        $bytes.AddRange([Text.Encoding]::ASCII.GetBytes($header))
        foreach ($value in 1..($rows * 3)) { $bytes.AddRange([BitConverter]::GetBytes([double]($value * $value % 7))) }
        Set-Content -Path (Join-Path $fixture 'emb.npy') -Value $bytes.ToArray() -AsByteStream

        function Invoke-HelpExample {
            param([string] $Command, [int] $Index)
            $code = @((Get-Help $Command).examples.example)[$Index].code
            $code | Should -Not -BeNullOrEmpty
            $ErrorActionPreference = 'Stop'
            # Out-String also renders the output through the module's views; warnings, verbose and host
            # output join it so the test log stays readable. Errors still stop the example.
            $null = & ([scriptblock]::Create($code)) 3>&1 4>&1 6>&1 | Out-String
        }
    }

    Context '<Command>' -ForEach $exampleGroups {
        BeforeAll {
            $folder = Join-Path $TestDrive 'examples' $Command
            Copy-Item -Path $fixture -Destination $folder -Recurse
            Push-Location $folder
        }
        AfterAll { Pop-Location }

        It '<Title> runs as written' -ForEach $Fast {
            Invoke-HelpExample $Command $Index
        }

        It '<Title> runs as written' -ForEach $Slow -Tag Slow {
            Invoke-HelpExample $Command $Index
        }

        It '<Title> (<Reason>)' -ForEach $NotRun -Skip { }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test.
    $ErrorActionPreference = 'Stop'

    # What Tab offers at the end of the line, as the console would.
    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText
    }
}

Describe 'Tab completion' {
    Context 'field parameters' {
        BeforeAll {
            # The completer offers the field names it has seen on samples in this session.
            $null = New-FoSample /img/a.png -Fields @{ weird_score_7 = 1.0 } | Test-FoDataset -MaxHardness 1 -HardnessField weird_score_7
        }

        It 'offers a field name seen on a sample' {
            Get-Completion 'Add-FoLabelNoise -LabelField weird' | Should -Contain 'weird_score_7'
        }

        It 'offers ground_truth and only names that start with what was typed' {
            $offered = Get-Completion 'Add-FoLabelNoise -LabelField grou'

            $offered | Should -Contain 'ground_truth'
            $offered | Where-Object { -not $_.StartsWith('grou', [StringComparison]::Ordinal) } | Should -BeNullOrEmpty
        }
    }

    Context 'model parameters' {
        It 'offers the model files in a folder' {
            $dir = (New-Item -ItemType Directory -Path (Join-Path $TestDrive models)).FullName
            $model = Join-Path $dir mine.fomodel
            Set-Content $model -Value ([byte[]]@(0)) -AsByteStream

            Get-Completion "Invoke-FoModel -Model $dir/mi" | Should -BeExactly $model
        }

        It 'offers the shipped default model' {
            Get-Completion 'Invoke-FoModel -Model def' | Should -Contain 'default'
        }
    }
}

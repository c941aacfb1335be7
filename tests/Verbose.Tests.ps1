[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test.
    $ErrorActionPreference = 'Stop'
}

# -Verbose tells what each pipeline cmdlet did, with counts.
Describe '-Verbose' {
    BeforeAll {
        $dir = $TestDrive
        foreach ($i in 0..19) { $null = New-TestPng (Join-Path $dir "$i.png") -Width 8 -Height 8 -From 10, 20, 30 -To ($i * 10), 200, 90 }
        $samples = 0..19 | ForEach-Object {
            $truth = 'c' + ($_ % 3)
            $logits = [double[]]@((($_ % 3) * 0.5), 1.0, -0.5)
            New-FoSample (Join-Path $dir "$_.png") -Fields @{ ground_truth = (New-FoClassification $truth); predictions = (New-FoClassification 'c1' -Confidence 0.7 -Logits $logits); e = [double[]]@($_, ($_ * $_ % 7)) }
        }

        # Only the verbose records come out: every pipeline ends in Out-Null.
        $verbose = @(& {
                $samples | Add-FoLabelNoise -Seed 1 -Verbose |
                    Measure-FoHardness -Verbose |
                    Find-FoMistake -LabelField ground_truth -PredictionField predictions -Verbose |
                    Measure-FoUniqueness -EmbeddingField e -Verbose |
                    Export-FoDataset -Path (Join-Path $dir export) -Format FiftyOneDataset -ReferenceMedia -Verbose | Out-Null
                $samples | Test-FoDataset -MaxMistakenness 0.99 -Verbose | Out-Null
                $samples | Measure-FoRanking -ScoreField mistakenness -Verbose | Out-Null
            } 4>&1 | ForEach-Object Message)
    }

    It 'reports "<Expected>" in a scoring pipeline' -ForEach @(
        @{ Expected = 'Processed 20 of 20' }
        @{ Expected = 'hardness' }
        @{ Expected = 'mistakenness' }
        @{ Expected = 'Uniqueness: 20' }
        @{ Expected = 'Ranked 20 samples' }
    ) {
        $verbose | Where-Object { $_.Contains($Expected, [StringComparison]::OrdinalIgnoreCase) } | Should -Not -BeNullOrEmpty -Because ($verbose -join "`n")
    }

    It 'reports at least once per step, every message with a count' {
        $verbose.Count | Should -BeGreaterOrEqual 7 -Because ($verbose -join "`n")
        $verbose | Where-Object { $_ -notmatch '\d' } | Should -BeNullOrEmpty
    }
}

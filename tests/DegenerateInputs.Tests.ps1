BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
}

Describe 'Scores on degenerate input' {
    It 'Measure-FoRanking warns when <Case> instead of returning NaN silently' -ForEach @(
        @{ Case = 'no sample carries the tag'; Tags = @(@(), @(), @()); Expected = 'No sample of 3*' }
        @{ Case = 'every sample carries it'; Tags = @(@('mistake'), @('mistake'), @('mistake')); Expected = 'Every sample of 3*' }
    ) {
        $samples = for ($i = 0; $i -lt 3; $i++) { New-FoSample "/data/$i.png" -Tags $Tags[$i] -Fields @{ mistakenness = $i / 3 } }
        $quality = $samples | Measure-FoRanking mistakenness -WarningVariable warnings -WarningAction SilentlyContinue
        [double]::IsNaN($quality.Auroc) | Should -BeTrue
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike $Expected
        "$($warnings[0])" | Should -BeLike '*undefined (NaN)*-PositiveTag*'
    }

    It 'gives <Expected> to <Count> identical samples with <Metric> distance, as the help says' -ForEach @(
        @{ Metric = 'Cosine'; Count = 5; Expected = 1 }
        @{ Metric = 'Euclidean'; Count = 5; Expected = 0 }
    ) {
        $samples = for ($i = 0; $i -lt $Count; $i++) { New-FoSample "/data/same$i.png" -Fields @{ embedding = @(0.5, 0.25, 1) } }
        $out = $samples | Measure-FoUniqueness -EmbeddingField embedding -Metric $Metric
        $out | ForEach-Object uniqueness | Sort-Object -Unique | Should -Be $Expected
        $help = Get-Content -Raw -LiteralPath (Join-Path (Get-TestRepoRoot) 'docs' 'help' 'Measure-FoUniqueness.md')
        $help | Should -BeLike "*identical*$Metric*score $Expected*"
    }
}

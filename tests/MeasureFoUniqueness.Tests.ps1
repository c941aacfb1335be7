[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test.
    $ErrorActionPreference = 'Stop'

    # A NumPy .npy file of float32 rows: magic, version 1.0, a header padded to 64 bytes, little-endian data.
    function Write-Npy([string] $Path, [float[]] $Data, [int] $Rows, [int] $Columns) {
        $header = "{'descr': '<f4', 'fortran_order': False, 'shape': ($Rows, $Columns), }"
        $header = $header.PadRight($header.Length + (64 - (11 + $header.Length) % 64) % 64) + "`n"
        $bytes = [System.Collections.Generic.List[byte]]::new()
        $bytes.AddRange([byte[]](0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0))  # \x93NUMPY 1.0
        $bytes.AddRange([BitConverter]::GetBytes([uint16]$header.Length))
        $bytes.AddRange([System.Text.Encoding]::ASCII.GetBytes($header))
        foreach ($v in $Data) { $bytes.AddRange([BitConverter]::GetBytes([float]$v)) }
        Set-Content -Path $Path -Value $bytes.ToArray() -AsByteStream
        $Path
    }
}

Describe 'Measure-FoUniqueness' {
    BeforeEach {
        $points = @(@(2, 0), @(0, 1), @(-1, 0), @(0, -1), @(-1, 0))
        $i = 0
        $samples = foreach ($p in $points) { New-FoSample "/data/$i.png" -Fields @{ embedding = [double[]]$p }; $i++ }
    }

    Context 'scores' {
        It 'computes uniqueness from an embedding field as by hand' {
            # cosine distances of centred points; nearest three: (1,1,2) (1,1,1) (0,1,1) (1,1,1) (0,1,1) -> divided by 1.1/3
            $expected = 1.0, (1 / 1.1), (0.4 / 1.1), (1 / 1.1), (0.4 / 1.1) | ForEach-Object { [math]::Round($_, 12) }

            $samples | Measure-FoUniqueness -EmbeddingField embedding | ForEach-Object { [math]::Round($_.uniqueness, 12) } |
                Should -Be $expected
        }

        It 'reads an .npy file in input order and measures Euclidean distance' {
            $npy = Write-Npy (Join-Path $TestDrive 'five.npy') -Data 0, 1, 3, 7, 15 -Rows 5 -Columns 1

            0..4 | ForEach-Object { New-FoSample "/data/$_.png" } |
                Measure-FoUniqueness -Embeddings $npy -Metric Euclidean -UniquenessField u |
                Where-Object u -gt 0.4 | ForEach-Object { '{0} {1:R}' -f $_.Filepath, $_.u } |
                Should -BeExactly '/data/3.png 0.5', '/data/4.png 1'
        }

        It 'finds three samples all unique' {
            $uniqueness = 1..3 | ForEach-Object { New-FoSample "/data/$_.png" -Fields @{ e = [double[]]@($_, 0) } } |
                Measure-FoUniqueness -EmbeddingField e | ForEach-Object uniqueness

            $uniqueness | Should -Be 1.0, 1.0, 1.0
            $uniqueness | Should -BeOfType [double]
        }

        It 'writes nothing for empty input' {
            @() | Measure-FoUniqueness -EmbeddingField e | Should -BeNullOrEmpty
        }
    }

    Context 'bad embeddings stop the run' {
        It 'stops and scores nothing when <Case>' -ForEach @(
            @{ Case = 'a sample has no embedding'; ErrorId = 'MissingEmbedding'; Spoil = { param($s) $null = $s.PSObject.BaseObject.RemoveField('embedding') } }
            @{ Case = 'an embedding is longer than the others'; ErrorId = 'EmbeddingLengthMismatch'; Spoil = { param($s) $s.embedding = [double[]]@(1, 2, 3) } }
            @{ Case = 'an embedding holds NaN'; ErrorId = 'NonFiniteEmbedding'; Spoil = { param($s) $s.embedding = [double[]]@(1, [double]::NaN) } }
        ) {
            & $Spoil $samples[3]
            $scored = [System.Collections.Generic.List[object]]::new()

            { $samples | Measure-FoUniqueness -EmbeddingField embedding | ForEach-Object { $scored.Add($_) } } |
                Should -Throw -ErrorId "$ErrorId,FiftyOneBrain.PowerShell.Commands.MeasureFoUniquenessCommand"

            $scored | Should -BeNullOrEmpty
            @($samples | Where-Object { $_.PSObject.BaseObject.HasField('uniqueness') }).Count | Should -Be 0
        }

        It 'stops when the .npy file has a row count other than the number of samples' {
            $npy = Write-Npy (Join-Path $TestDrive 'six.npy') -Data 0, 1, 3, 7, 15, 16 -Rows 6 -Columns 1
            $scored = [System.Collections.Generic.List[object]]::new()

            $thrown = { 0..4 | ForEach-Object { New-FoSample "/data/$_.png" } | Measure-FoUniqueness -Embeddings $npy | ForEach-Object { $scored.Add($_) } } |
                Should -Throw -ErrorId 'EmbeddingsCountMismatch,*' -PassThru

            $thrown.Exception.Message | Should -BeLikeExactly '*has 6 rows but 5 sample(s) came in*'
            $scored | Should -BeNullOrEmpty
        }

        It 'stops when the .npy file does not exist' {
            $scored = [System.Collections.Generic.List[object]]::new()

            { Measure-FoUniqueness -Embeddings /nonexistent/e.npy -InputObject (New-FoSample /data/x.png) | ForEach-Object { $scored.Add($_) } } |
                Should -Throw -ErrorId 'EmbeddingsFileNotFound,*'

            $scored | Should -BeNullOrEmpty
        }
    }
}

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    $ErrorActionPreference = 'Stop'

    # 400 Fashion-MNIST test images with the shipped model's 128-d embeddings, computed once for the file.
    $script:fashion = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 400 |
        Get-FoEmbedding -Model simple-resnet-fashion-mnist)

}

Describe 'Measure-FoVisualization' {
    Context 'on real embeddings' {
        It 'writes a finite <Dimensions>-D <Method> point for every sample, in input order' -ForEach @(
            @{ Method = 'UMAP'; Dimensions = 2 }
            @{ Method = 'UMAP'; Dimensions = 3 }
            @{ Method = 'PCA'; Dimensions = 2 }
            @{ Method = 'PCA'; Dimensions = 3 }
        ) {
            $out = @($fashion | Measure-FoVisualization -Method $Method -Dimensions $Dimensions -EmbeddingField embedding -Seed 5)

            $out.Count | Should -Be $fashion.Count
            $out.Id | Should -Be $fashion.Id
            $out.ForEach({ $_.visualization.GetType().Name }) | Sort-Object -Unique | Should -Be 'Double[]'
            $out.ForEach({ $_.visualization.Count }) | Sort-Object -Unique | Should -Be $Dimensions
            @($out.ForEach({ $_.visualization }) | Where-Object { -not [double]::IsFinite($_) }).Count | Should -Be 0
        }

        It 'puts samples of one class closer together than samples of different classes (UMAP)' {
            $out = @($fashion | Measure-FoVisualization -EmbeddingField embedding -Seed 2 -Field map)
            $same = [Collections.Generic.List[double]]::new(); $other = [Collections.Generic.List[double]]::new()
            for ($i = 0; $i -lt 120; $i++) {
                for ($j = $i + 1; $j -lt 120; $j++) {
                    $a = $out[$i].map; $b = $out[$j].map
                    $d = [math]::Sqrt([math]::Pow($a[0] - $b[0], 2) + [math]::Pow($a[1] - $b[1], 2))
                    if ($out[$i].ground_truth.label -eq $out[$j].ground_truth.label) { $same.Add($d) } else { $other.Add($d) }
                }
            }
            ($same | Measure-Object -Average).Average | Should -BeLessThan (0.6 * ($other | Measure-Object -Average).Average)
        }

        It 'gives the same map for the same seed and another for another seed' {
            $first = $fashion | Select-Object -First 150 | Measure-FoVisualization -EmbeddingField embedding -Seed 9 -Field a | ForEach-Object { $_.a -join ',' }
            $second = $fashion | Select-Object -First 150 | Measure-FoVisualization -EmbeddingField embedding -Seed 9 -Field a | ForEach-Object { $_.a -join ',' }
            $third = $fashion | Select-Object -First 150 | Measure-FoVisualization -EmbeddingField embedding -Seed 10 -Field a | ForEach-Object { $_.a -join ',' }

            $second | Should -Be $first
            ($third -join ';') | Should -Not -Be ($first -join ';')
        }
    }

    Context 'PCA by hand' {
        It 'projects four points on their principal axes' {
            # Centred (3,3) (-3,-3) (1,-1) (-1,1): axes (1,1)/sqrt2 and (1,-1)/sqrt2.
            $r2 = [math]::Sqrt(2)
            $points = @(@(13, 23), @(7, 17), @(11, 19), @(9, 21))
            $i = 0
            $out = foreach ($p in $points) { New-FoSample "/data/$i.png" -Fields @{ e = [double[]]$p }; $i++ }
            $out = @($out | Measure-FoVisualization PCA -EmbeddingField e)

            $out | ForEach-Object { ($_.visualization | ForEach-Object { [math]::Round($_, 9) }) -join ' ' } |
                Should -Be @("$([math]::Round(3 * $r2, 9)) 0", "$([math]::Round(-3 * $r2, 9)) 0", "0 $([math]::Round($r2, 9))", "0 $([math]::Round(-$r2, 9))")
        }
    }

    Context 'stopping' {
        It 'stops promptly on Ctrl+C and writes no point' {
            $random = [Random]::new(1)
            $many = foreach ($i in 1..6000) {
                $e = [double[]]::new(16)
                for ($t = 0; $t -lt 16; $t++) { $e[$t] = $random.NextDouble() }
                New-FoSample "/data/$i.png" -Fields @{ e = $e }
            }
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Get-StagedModulePath)).Invoke()
                $ps.Commands.Clear()
                $null = $ps.AddScript({ param($samples) $samples | Measure-FoVisualization -EmbeddingField e -Seed 1 }).AddParameter('samples', $many)
                $running = $ps.BeginInvoke()
                # Stop once the neighbour search is over (seen on the progress stream), however fast the machine is.
                $deadline = (Get-Date).AddSeconds(120)
                while (-not $running.IsCompleted -and (Get-Date) -lt $deadline -and
                    -not ($ps.Streams.Progress | Where-Object StatusDescription -Match '^(Stage|Layout): ')) {
                    Start-Sleep -Milliseconds 20
                }
                $running.IsCompleted | Should -BeFalse -Because 'the run must still be going when it is stopped'
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $clock.Elapsed | Should -BeLessThan ([timespan]::FromSeconds(3))
            }
            finally { $ps.Dispose() }
            @($many | Where-Object { $_.visualization }).Count | Should -Be 0
        }
    }

    Context 'problems' {
        It 'names a missing embedding field (FieldNotFound) and writes nothing' {
            { $fashion | Select-Object -First 5 | Measure-FoVisualization -EmbeddingField embeddings } |
                Should -Throw -ErrorId 'FieldNotFound,*'
        }

        It 'stops on embeddings of unequal length' {
            $bad = @((New-FoSample a.png -Fields @{ e = [double[]](1, 2) }), (New-FoSample b.png -Fields @{ e = [double[]](1, 2, 3) }))
            { $bad | Measure-FoVisualization -EmbeddingField e } | Should -Throw -ErrorId 'EmbeddingLengthMismatch,*'
        }

        It 'refuses a fourth dimension' {
            { $fashion | Measure-FoVisualization -EmbeddingField embedding -Dimensions 4 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }

        It 'writes nothing for empty input' {
            @() | Measure-FoVisualization -EmbeddingField e | Should -BeNullOrEmpty
        }

        It 'places a single sample at the origin' {
            (New-FoSample a.png -Fields @{ e = [double[]](1, 2) } | Measure-FoVisualization -EmbeddingField e).visualization | Should -Be 0, 0
        }
    }
}

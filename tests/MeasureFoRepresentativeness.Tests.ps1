BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force

    # Real embeddings: 300 Fashion-MNIST test images through the shipped SimpleResNet (128-d).
    $script:embedded = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 300 |
        Get-FoEmbedding -Model default)
    function Get-Scores([object[]] $Samples, [string] $Field = 'representativeness') { [double[]]@($Samples | ForEach-Object { $_.$Field }) }
}

Describe 'Measure-FoRepresentativeness' {
    It 'scores every sample in [0, 1] with one 0 per cluster (its farthest member)' {
        $out = @($embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 10)
        $out.Count | Should -Be 300
        $scores = Get-Scores $out
        ($scores | Measure-Object -Minimum -Maximum) | ForEach-Object { $_.Minimum | Should -Be 0; $_.Maximum | Should -BeLessThan 1 }
        @($scores | Where-Object { $_ -eq 0 }).Count | Should -Be 10
    }

    It 'reaches the inertia scikit-learn reaches on the same embeddings (within 1 %)' {
        $csv = Join-Path $TestDrive 'embeddings.csv'
        $embedded | ForEach-Object { $_.embedding -join ',' } | Set-Content -LiteralPath $csv
        $sklearn = [double](/usr/bin/python3 -c "import sys, numpy as np; from sklearn.cluster import KMeans; x = np.loadtxt(sys.argv[1], delimiter=',', dtype=np.float64); print(repr(KMeans(n_clusters=10, random_state=1234, n_init=10).fit(x).inertia_))" $csv)
        $verbose = $embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 10 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'inertia (\S+) after' }
        $ours = [double]($verbose.Message -replace '.*inertia (\S+) after.*', '$1')
        Write-Host ('k-means inertia, k = 10 on 300 x 128: ours {0:N2}, scikit-learn {1:N2}' -f $ours, $sklearn)
        $ours | Should -BeLessOrEqual ($sklearn * 1.01)
    }

    It 'is repeatable with a seed' {
        $a = Get-Scores @($embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 8 -Seed 5)
        $b = Get-Scores @($embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 8 -Seed 5)
        $b | Should -Be $a
    }

    It 'downweights every other sample once when the radius covers them all, then renormalises' {
        $plain = Get-Scores @($embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 10 -RepresentativenessField plain) plain
        $down = Get-Scores @($embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 10 -Method ClusterCenterDownweight -Radius 1e9 -Factor 0.5) 
        $top = [array]::IndexOf($plain, ($plain | Measure-Object -Maximum).Maximum)
        $down[$top] | Should -Be 1
        for ($i = 0; $i -lt $plain.Count; $i++) {
            if ($i -ne $top) { [math]::Abs($down[$i] - 0.5 * $plain[$i] / $plain[$top]) | Should -BeLessThan 1e-12 }
        }
    }

    It 'lowers near neighbours of representative samples within -Radius by the default factor, the rest untouched' {
        $plain = Get-Scores @($embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 10)
        $down = Get-Scores @($embedded | Measure-FoRepresentativeness -EmbeddingField embedding -Clusters 10 -Method ClusterCenterDownweight -Radius 8)
        ($down | Measure-Object -Maximum).Maximum | Should -Be 1
        $ratios = for ($i = 0; $i -lt $plain.Count; $i++) { if ($plain[$i] -gt 0) { [math]::Round($down[$i] / $plain[$i] * ($plain | Measure-Object -Maximum).Maximum, 9) } }
        @($ratios | Sort-Object -Unique) | Should -Be @(0.7, 1)
    }

    It 'works with fewer samples than clusters: each its own cluster, all 1' {
        $few = @($embedded | Select-Object -First 5 | Measure-FoRepresentativeness -EmbeddingField embedding)
        Get-Scores $few | Should -Be @(1, 1, 1, 1, 1)
    }

    It 'embeds the images with the default ImageNet model when given no embeddings' {
        $photos = Get-ChildItem /usr/lib/python3/dist-packages/skimage/data -File -Include astronaut.png, chelsea.png, coffee.png, rocket.jpg, motorcycle_left.png -Recurse
        $out = @($photos | New-FoSample | Measure-FoRepresentativeness -Clusters 2 -Verbose 4>&1)
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*512 embeddings from model*' }) | Should -Not -BeNullOrEmpty
        $samples = @($out | Where-Object { $_ -is [FiftyOneBrain.Samples.Sample] })
        $samples.Count | Should -Be 5
        @(Get-Scores $samples | Where-Object { $_ -eq 0 }).Count | Should -BeGreaterOrEqual 1
    }

    It 'stops on a missing embedding field and on non-finite embeddings' {
        { $embedded | Select-Object -First 3 | Measure-FoRepresentativeness -EmbeddingField nope } | Should -Throw -ErrorId 'FieldNotFound,*'
        $bad = New-FoSample bad.png -Fields @{ e = [double[]]@([double]::NaN, 1) }
        $good = New-FoSample good.png -Fields @{ e = [double[]]@(0, 1) }
        { $bad, $good | Measure-FoRepresentativeness -EmbeddingField e } | Should -Throw -ErrorId 'NonFiniteEmbedding,*'
    }
}

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    $ErrorActionPreference = 'Stop'

    # Points on a line, 1-d embeddings, so every distance is known by hand.
    function New-LineSample {
        0, 1, 3, 7, 15 | ForEach-Object { New-FoSample "/img/p$_.png" -Fields @{ e = [double[]]@($_) } }
    }
}

Describe 'Find-FoSimilar on hand-made embeddings' {
    It 'emits nearest first with the distance, leaving the query sample out' {
        $samples = New-LineSample
        $out = $samples | Find-FoSimilar -Query $samples[2] -EmbeddingField e -Metric Euclidean

        $out.Filepath | Should -Be '/img/p1.png', '/img/p0.png', '/img/p7.png', '/img/p15.png'
        $out.similarity_distance | Should -Be 2, 3, 4, 12
    }

    It 'puts the farthest first with -Reverse and keeps -K' {
        $out = New-LineSample | Find-FoSimilar -Query 2 -EmbeddingField e -Metric Euclidean -Reverse -K 2

        $out.Filepath | Should -Be '/img/p15.png', '/img/p7.png'
        $out.similarity_distance | Should -Be 13, 5
    }

    It 'aggregates several query ids by mean distance and -IncludeQuery keeps them' {
        $samples = New-LineSample
        $out = $samples | Find-FoSimilar -Query $samples[1].Id, $samples[3].Id -EmbeddingField e -Metric Euclidean -DistanceField d

        $out.Filepath | Should -Be '/img/p3.png', '/img/p0.png', '/img/p15.png'
        $out.d | Should -Be 3, 4, 11
        ($samples | Find-FoSimilar -Query $samples[1].Id, $samples[3].Id -EmbeddingField e -Metric Euclidean -IncludeQuery) | Should -HaveCount 5
    }

    It 'embeds a query sample that is not among the input the same way (here: its field)' {
        $outside = New-FoSample /elsewhere/q.png -Fields @{ e = [double[]]@(2) }
        $out = New-LineSample | Find-FoSimilar -Query $outside -EmbeddingField e -Metric Euclidean -K 3

        $out.Filepath | Should -Be '/img/p1.png', '/img/p3.png', '/img/p0.png'
        $out.similarity_distance | Should -Be 1, 1, 2
    }

    It 'ranks on cosine of mean-centred embeddings by default' {
        # (10,0) (11,0) (13,0): centred -4/3, -1/3, 5/3 on the first axis; the query 12 centred is +2/3.
        $samples = 10, 11, 13 | ForEach-Object { New-FoSample "/img/c$_.png" -Fields @{ e = [double[]]@($_, 0) } }
        $out = $samples | Find-FoSimilar -Query 12, 0 -EmbeddingField e

        $out[0].Filepath | Should -Be '/img/c13.png'
        $out.similarity_distance | Should -Be 0, 2, 2
    }

    It 'stops with <ErrorId> for <Case>' -ForEach @(
        @{ Case = 'an unknown id'; Query = 'no-such-sample'; ErrorId = 'QueryNotFound' }
        @{ Case = 'an embedding of the wrong length'; Query = @(1, 2); ErrorId = 'QueryDimensionMismatch' }
        @{ Case = 'a query of another type'; Query = @{ a = 1 }; ErrorId = 'QueryInvalid' }
    ) {
        { New-LineSample | Find-FoSimilar -Query $Query -EmbeddingField e } |
            Should -Throw -ErrorId "$ErrorId,FiftyOneBrain.PowerShell.Commands.FindFoSimilarCommand"
    }
}

Describe 'Find-FoSimilar on real photos' {
    BeforeAll {
        # Distinct crops of Debian's photos, each with a re-cropped, brightened, re-encoded copy (<group>_a.png, <group>_b.jpg).
        $photos = Join-Path $TestDrive 'photos'
        & /usr/bin/python3 (Join-Path $PSScriptRoot 'OnnxModels.Support.py') photos $photos 200 1
        if ($LASTEXITCODE -ne 0) { throw 'OnnxModels.Support.py photos failed' }
        $embedded = Import-FoDataset $photos -Format ImageDirectory | Get-FoEmbedding -Model resnet18-imagenet
    }

    It 'ranks the source photo of a copy first' {
        $copies = $embedded | Where-Object Filepath -Like '*_b.jpg'
        $found = foreach ($copy in $copies) {
            $nearest = $embedded | Find-FoSimilar -Query $copy -EmbeddingField embedding -K 1
            (Split-Path $nearest.Filepath -Leaf) -eq ((Split-Path $copy.Filepath -Leaf) -replace '_b\.jpg$', '_a.png')
        }
        $share = @($found | Where-Object { $_ }).Count / $copies.Count
        Write-Host ("Find-FoSimilar, resnet18-imagenet: the source is the nearest for {0:P1} of {1} copies" -f $share, $copies.Count)
        $share | Should -BeGreaterOrEqual 0.9
    }

    It 'takes an image path as the query, embedded by the model' {
        $copy = ($embedded | Where-Object Filepath -Like '*_b.jpg' | Select-Object -First 1).Filepath
        $sources = $embedded | Where-Object Filepath -Like '*_a.png' | Select-Object -First 6
        $nearest = $sources | Find-FoSimilar -Query $copy -K 1

        Split-Path $nearest.Filepath -Leaf | Should -Be ((Split-Path $copy -Leaf) -replace '_b\.jpg$', '_a.png')
        $nearest.similarity_distance | Should -BeLessThan 0.5
    }
}

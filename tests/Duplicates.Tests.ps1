[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    $ErrorActionPreference = 'Stop'

    # Points on a line, 1-d embeddings: every euclidean distance is known by hand.
    function New-LineSample([double[]] $Position, [string[]] $Split) {
        for ($i = 0; $i -lt $Position.Count; $i++) {
            $fields = @{ e = [double[]]@($Position[$i]) }
            if ($Split) { $fields.split = $Split[$i] }
            New-FoSample "/img/p$i.png" -Fields $fields
        }
    }

    # Precision and recall of marked duplicates against the planted copies: a marked sample is right when it and
    # its duplicate_of are an original and its copy.
    function Measure-Planted($Marked, $Truth, $ById) {
        $pairs = @{}
        foreach ($t in $Truth) { $pairs[$t.copy] = $t.original; $pairs[$t.original] = $t.copy }
        $right = @($Marked | Where-Object { $pairs[$_.Filepath] -eq $ById[$_.duplicate_of].Filepath }).Count
        [pscustomobject]@{
            Precision = if ($Marked.Count) { $right / $Marked.Count } else { 1.0 }
            Recall    = $right / $Truth.Count
        }
    }
}

Describe 'Find-FoDuplicate on hand-made embeddings' {
    It 'keeps the first of a chain, marks its neighbour and keeps the far end (greedy in input order)' {
        $out = New-LineSample 0, 0.15, 0.3 | Find-FoDuplicate -EmbeddingField e -Metric Euclidean -Threshold 0.2

        $out.Filepath | Should -Be '/img/p0.png', '/img/p1.png', '/img/p2.png'
        $out[1].duplicate_of | Should -Be $out[0].Id
        $out[1].duplicate_distance | Should -BeLessThan 0.150001
        $out[1].Tags | Should -Contain 'duplicate'
        $out[2].duplicate_of | Should -BeNullOrEmpty
    }

    It 'attaches a duplicate to its nearest kept sample' {
        # 0 marks 2 (0.15 apart); 1 is kept (0.25 from 0) and is nearer to 2 (0.1).
        $out = New-LineSample 0, 0.25, 0.15 | Find-FoDuplicate -EmbeddingField e -Metric Euclidean -Threshold 0.2

        $out[2].duplicate_of | Should -Be $out[1].Id
        [math]::Round($out[2].duplicate_distance, 6) | Should -Be 0.1
    }

    It 'searches the threshold that marks the fraction' {
        $out = New-LineSample 0, 0.5, 3, 3.25 | Find-FoDuplicate -EmbeddingField e -Metric Euclidean -Fraction 0.25

        @($out | Where-Object duplicate_of).Filepath | Should -Be '/img/p3.png'
    }

    It 'clears the marks of an earlier run from a sample now kept' {
        $samples = New-LineSample 0, 0.1
        $null = $samples | Find-FoDuplicate -EmbeddingField e -Metric Euclidean -Threshold 0.2
        $out = $samples | Find-FoDuplicate -EmbeddingField e -Metric Euclidean -Threshold 0.05

        $out[1].duplicate_of | Should -BeNullOrEmpty
        $out[1].Tags | Should -Not -Contain 'duplicate'
    }
}

Describe 'Find-FoLeak on hand-made embeddings' {
    It 'reports the leak FiftyOne misses and puts the summary on the information stream' {
        # train 0 and 0.05 (a copy); test 0.2, 0.15 from the copy and 0.2+ from the original at threshold 0.17.
        $samples = New-LineSample 0, 0.05, 0.2, 5 -Split train, train, test, $null
        $out = $samples | Find-FoLeak -SplitField split -EmbeddingField e -Metric Euclidean -Threshold 0.17 `
            -InformationVariable info -WarningVariable warnings -WarningAction SilentlyContinue

        $out | Should -HaveCount 4
        $out[0..2].leak | Should -Be $false, $true, $true
        $out[1].leak_of | Should -Be $out[2].Id
        $out[2].leak_of | Should -Be $out[1].Id
        $out[3].HasField('leak') | Should -BeFalse
        "$warnings" | Should -Match '^1 of 4 samples are in no split'
        $info.MessageData | Select-Object SplitA, SplitB, LeakingFromA, LeakingFromB, Pairs |
            ConvertTo-Json -Compress | Should -Be '{"SplitA":"train","SplitB":"test","LeakingFromA":1,"LeakingFromB":1,"Pairs":1}'
    }

    It 'reads splits from tags and reports a sample in two splits' {
        $samples = New-LineSample 0, 0.1, 9
        $samples[0].Tags.Add('train'); $samples[1].Tags.Add('test'); $samples[2].Tags.AddRange([string[]]('train', 'test'))
        $out = $samples | Find-FoLeak -SplitTag train, test -EmbeddingField e -Metric Euclidean -ErrorVariable errors -ErrorAction SilentlyContinue

        $out[0..1].leak | Should -Be $true, $true
        $errors.FullyQualifiedErrorId | Should -BeLike 'SampleInSeveralSplits,*'
    }

    It 'stops without a split' {
        { New-LineSample 0, 1 | Find-FoLeak -EmbeddingField e } | Should -Throw -ErrorId 'SplitNotGiven,*'
    }
}

Describe 'Find-FoDuplicate -Exact on real files' {
    It 'marks byte-identical copies under the first file and leaves a re-encoded one alone' {
        $photos = '/usr/lib/python3/dist-packages/skimage/data'
        Copy-Item "$photos/chelsea.png" "$TestDrive/a.png"
        Copy-Item "$photos/coffee.png" "$TestDrive/b.png"
        Copy-Item "$photos/chelsea.png" "$TestDrive/c.png"
        [IO.File]::WriteAllBytes("$TestDrive/d.png", [IO.File]::ReadAllBytes("$photos/chelsea.png") + [byte[]]@(0))
        $out = 'a', 'b', 'c', 'd', 'missing' | ForEach-Object { New-FoSample "$TestDrive/$_.png" } |
            Find-FoDuplicate -Exact -ErrorVariable errors -ErrorAction SilentlyContinue

        $out | Should -HaveCount 5
        ($out | Where-Object duplicate_of).Filepath | Should -Be "$TestDrive/c.png"
        $out[2].duplicate_of | Should -Be $out[0].Id
        $out[2].duplicate_distance | Should -Be 0
        $errors.FullyQualifiedErrorId | Should -BeLike 'FileUnreadable,*'
    }
}

Describe 'Near duplicates and leaks on real photos with planted copies' -Tag Slow {
    BeforeAll {
        $python = '/usr/bin/python3'
        & $python (Join-Path $PSScriptRoot 'Duplicates.Support.py') $TestDrive
        $truth = Import-Csv "$TestDrive/truth.csv"
        $samples = @($truth.original) + @($truth.copy) | ForEach-Object { New-FoSample $_ }
        $byId = @{}; foreach ($s in $samples) { $byId[$s.Id] = $s }
    }

    It 'finds the copies with the ImageNet model at the default threshold' {
        $marked = @($samples | Find-FoDuplicate | Where-Object duplicate_of)
        $score = Measure-Planted $marked $truth $byId
        Write-Host ('resnet18-imagenet, threshold 0.2: precision {0:P0}, recall {1:P0} ({2} copies)' -f $score.Precision, $score.Recall, $truth.Count)

        $score.Precision | Should -BeGreaterOrEqual 0.9
        $score.Recall | Should -BeGreaterOrEqual 0.6
    }

    It 'finds the re-encoded copies by perceptual hash and misses the flips' {
        $marked = @($samples | Find-FoDuplicate -Method PerceptualHash | Where-Object duplicate_of)
        $score = Measure-Planted $marked $truth $byId
        $reencoded = @($truth | Where-Object kind -eq reencoded)
        $reencodedScore = Measure-Planted @($marked | Where-Object Filepath -in $reencoded.copy) $reencoded $byId
        Write-Host ('pHash, 8 bits: precision {0:P0}, recall {1:P0}; re-encoded copies recall {2:P0}' -f $score.Precision, $score.Recall, $reencodedScore.Recall)

        $score.Precision | Should -BeGreaterOrEqual 0.9
        $reencodedScore.Recall | Should -Be 1
        @($marked | Where-Object Filepath -like '*_flipped*') | Should -BeNullOrEmpty
    }

    It 'finds copies across splits as leaks' {
        foreach ($t in $truth) { ($samples | Where-Object Filepath -eq $t.original).Tags.Add('train') }
        foreach ($t in $truth) { ($samples | Where-Object Filepath -eq $t.copy).Tags.Add('test') }
        $out = $samples | Find-FoLeak -SplitTag train, test
        $leaks = @($out | Where-Object leak)
        $partner = @{}
        foreach ($t in $truth) { $partner[$t.copy] = $t.original; $partner[$t.original] = $t.copy }
        $right = @($leaks | Where-Object { $partner[$_.Filepath] -eq $byId[$_.leak_of].Filepath })
        $precision = if ($leaks.Count) { $right.Count / $leaks.Count } else { 1.0 }
        $recall = $right.Count / (2 * $truth.Count)
        Write-Host ('Leaks, resnet18-imagenet at 0.2: precision {0:P0}, recall {1:P0} ({2} planted pairs across train and test)' -f $precision, $recall, $truth.Count)

        $precision | Should -BeGreaterOrEqual 0.9
        $recall | Should -BeGreaterOrEqual 0.6
    }
}

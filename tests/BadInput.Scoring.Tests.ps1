BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force

    function New-Good([int] $Index) {
        New-FoSample "/data/good$Index.png" -Fields @{
            ground_truth = (New-FoClassification cat)
            predictions  = (New-FoClassification cat -Confidence 0.9 -Logits 2, 0) }
    }

    # A NumPy .npy file of float32 rows, written byte by byte (format 1.0: magic, header length, header dict).
    function Write-Npy([string] $Path, [float[][]] $Rows) {
        $header = "{'descr': '<f4', 'fortran_order': False, 'shape': ($($Rows.Count), $($Rows[0].Count)), }"
        $header = $header.PadRight(128 - 10 - 1) + "`n"
        $bytes = [System.Collections.Generic.List[byte]]::new()
        $bytes.AddRange([byte[]](0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0))
        $bytes.AddRange([System.BitConverter]::GetBytes([uint16]$header.Length))
        $bytes.AddRange([System.Text.Encoding]::ASCII.GetBytes($header))
        foreach ($row in $Rows) { foreach ($v in $row) { $bytes.AddRange([System.BitConverter]::GetBytes([float]$v)) } }
        Set-Content -LiteralPath $Path -Value $bytes.ToArray() -AsByteStream
    }
}

Describe 'Scoring cmdlets on bad input' {
    Context 'one bad sample among good ones: <Name>' -ForEach @(
        @{ Name = 'NaN logit with -UseLogits'; ErrorId = 'NonFiniteLogits'
            Bad = { $p = New-FoClassification cat; $p.Logits = [double[]]([double]::NaN, 0); @{ ground_truth = (New-FoClassification cat); predictions = $p } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions -UseLogits } }
        @{ Name = 'infinite logit for hardness'; ErrorId = 'NonFiniteLogits'
            Bad = { $p = New-FoClassification cat; $p.Logits = [double[]]([double]::PositiveInfinity, 0); @{ predictions = $p } }
            Run = { $input | Measure-FoHardness } }
        @{ Name = 'prediction without a confidence'; ErrorId = 'MissingConfidence'
            Bad = { @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification cat) } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions } }
        @{ Name = 'mixed label types (Classification vs Detections)'; ErrorId = 'LabelTypeMismatch'
            Bad = { @{ ground_truth = (New-FoClassification cat); predictions = (New-FoDetections @(New-FoDetection cat 0, 0, 0.5, 0.5 -Confidence 0.9)) } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions } }
        @{ Name = 'a number where a label belongs'; ErrorId = 'UnsupportedLabelType'
            Bad = { @{ ground_truth = 3; predictions = (New-FoClassification cat -Confidence 0.9) } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions } }
        @{ Name = 'hardness without a prediction'; ErrorId = 'MissingPrediction'
            Bad = { @{ ground_truth = (New-FoClassification cat) } }
            Run = { $input | Measure-FoHardness -WarningAction SilentlyContinue } }
        @{ Name = 'hardness of detections'; ErrorId = 'UnsupportedLabelType'
            Bad = { @{ predictions = (New-FoDetections @(New-FoDetection cat 0, 0, 0.5, 0.5 -Confidence 0.9)) } }
            Run = { $input | Measure-FoHardness } }
        @{ Name = 'hardness of a prediction without logits'; ErrorId = 'MissingLogits'
            Bad = { @{ predictions = (New-FoClassification cat -Confidence 0.9) } }
            Run = { $input | Measure-FoHardness } }
        @{ Name = 'confident learning, wrong logit length'; ErrorId = 'LogitsLengthMismatch'
            Bad = { @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification cat -Logits 2, 0, 0) } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -Classes cat, dog } }
        @{ Name = 'confident learning, a label outside the classes'; ErrorId = 'UnknownClass'
            Bad = { @{ ground_truth = (New-FoClassification bird); predictions = (New-FoClassification cat -Logits 2, 0) } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -Classes cat, dog } }
        @{ Name = 'confident learning, no ground truth'; ErrorId = 'MissingGroundTruth'
            Bad = { @{ predictions = (New-FoClassification cat -Logits 2, 0) } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -Classes cat, dog } }
        @{ Name = 'confident learning, probabilities that do not sum to 1'; ErrorId = 'InvalidProbabilities'
            Bad = { $p = New-FoClassification cat -Logits 2, 0; $p.PSObject.BaseObject.SetField('probabilities', [double[]](0.9, 0.9)); @{ ground_truth = (New-FoClassification cat); predictions = $p } }
            Run = { $input | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -Classes cat, dog } }
    ) {
        It 'reports the bad sample as <ErrorId> (InvalidData, targeting it) and passes every good one on' {
            $bad = New-FoSample /data/bad.png -Fields (& $Bad)
            $good = 1..3 | ForEach-Object { New-Good $_ }
            $samples = @($good[0], $bad, $good[1], $good[2])
            $ErrorActionPreference = 'Continue' # per-sample errors are collected below, not thrown
            $all = @(& { $samples | & $Run } 2>&1)
            $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $out = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,FiftyOneBrain.PowerShell.Commands.*"
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errors[0].TargetObject.Filepath | Should -Be '/data/bad.png'
            @($out | ForEach-Object Filepath) | Should -Be @('/data/good1.png', '/data/good2.png', '/data/good3.png')
        }
    }

    Context 'input the whole run cannot use: <Name>' -ForEach @(
        @{ Name = 'misspelled -LabelField'; ErrorId = 'FieldNotFound'; Category = 'ObjectNotFound'; Target = 'groundtruth'
            Run = { $args[0] | Find-FoMistake -LabelField groundtruth -PredictionField predictions } }
        @{ Name = 'misspelled -PredictionField for hardness'; ErrorId = 'FieldNotFound'; Category = 'ObjectNotFound'; Target = 'prediction'
            Run = { $args[0] | Measure-FoHardness -PredictionField prediction } }
        @{ Name = 'nothing to rank'; ErrorId = 'NoSamples'; Category = 'InvalidArgument'; Target = $null
            Run = { @() | Measure-FoRanking mistakenness } }
        @{ Name = 'embeddings file that is not .npy'; ErrorId = 'InvalidEmbeddingsFile'; Category = 'InvalidData'; Target = 'file'
            Run = { Set-Content -LiteralPath (Join-Path $TestDrive 'bad.npy') -Value 'not numpy'; $args[0] | Measure-FoUniqueness -Embeddings (Join-Path $TestDrive 'bad.npy') } }
        @{ Name = '.npy with a row count unlike the samples'; ErrorId = 'EmbeddingsCountMismatch'; Category = 'InvalidData'; Target = 'file'
            Run = { Write-Npy (Join-Path $TestDrive 'two.npy') @([float[]](1, 2), [float[]](3, 4)); $args[0] | Measure-FoUniqueness -Embeddings (Join-Path $TestDrive 'two.npy') } }
        @{ Name = 'embeddings of unequal length'; ErrorId = 'EmbeddingLengthMismatch'; Category = 'InvalidData'; Target = 'field'
            Run = { $i = 0; $args[0] | ForEach-Object { $_.PSObject.BaseObject.SetField('embedding', [double[]]$(if ($i++ -eq 1) { 1, 2, 3 } else { $i, 1 })); $_ } | Measure-FoUniqueness -EmbeddingField embedding } }
        @{ Name = 'a NaN embedding'; ErrorId = 'NonFiniteEmbedding'; Category = 'InvalidData'; Target = 'field'
            Run = { $i = 0; $args[0] | ForEach-Object { $_.PSObject.BaseObject.SetField('embedding', [double[]]$(if ($i++ -eq 1) { [double]::NaN, 1 } else { $i, 1 })); $_ } | Measure-FoUniqueness -EmbeddingField embedding } }
    ) {
        It 'stops with <ErrorId> (<Category>) and writes no score' {
            $samples = 1..4 | ForEach-Object { New-Good $_ }
            $thrown = $null
            $out = $null
            try { $out = & $Run $samples } catch { $thrown = $_ }
            $out | Should -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -BeLike "$ErrorId,FiftyOneBrain.PowerShell.Commands.*"
            $thrown.CategoryInfo.Category | Should -Be $Category
            switch ($Target) {
                'file' { "$($thrown.TargetObject)" | Should -BeLike '*.npy*' }
                'field' { "$($thrown.TargetObject)" | Should -BeLike '*embedding*' }
                default { $thrown.TargetObject | Should -Be $Target }
            }
            $samples | ForEach-Object { $_.PSObject.BaseObject.HasField('mistakenness') -or $_.PSObject.BaseObject.HasField('hardness') -or $_.PSObject.BaseObject.HasField('uniqueness') } |
                Should -Not -Contain $true
        }
    }

    It 'passes an empty pipeline through every streaming scorer without output or error' {
        $out = @(@() | Find-FoMistake -LabelField ground_truth -PredictionField predictions -ErrorVariable e1) + @(@() | Measure-FoHardness -ErrorVariable e2)
        $out | Should -HaveCount 0
        @($e1) + @($e2) | Should -HaveCount 0
    }
}

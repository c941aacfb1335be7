# Issue 11, defect 2: one huge image must not abort a model run. The decode limit ($FoMaxImagePixels) refuses
# it from its header, per sample, naming the file, and the other samples come out.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    Import-Module (Get-StagedModulePath -Name FiftyOneBrain.Training) -Force
    . (Join-Path $PSScriptRoot 'ImageFiles.Support.ps1')

    $huge = (Write-HugePng (Join-Path $TestDrive 'huge.png')).FullName
    $claims = (Copy-JpegClaiming (Join-Path $TestDrive 'claims.jpg')).FullName
    $good = @(foreach ($i in 1..4) { (Write-RawPng (Join-Path $TestDrive "good$i.png") -Width (20 + $i) -Height 24).FullName })
    function Get-Batch {
        # good1, huge, good2, claims, good3, good4: the bad ones in the middle.
        @($good[0], $huge, $good[1], $claims, $good[2], $good[3]) | ForEach-Object {
            New-FoSample $_ -Fields @{ ground_truth = (New-FoClassification ((Split-Path $_ -Leaf) -like 'good[12]*' ? 'a' : 'b')) }
        }
    }
    function Get-Leaf($samples) { @($samples | ForEach-Object { Split-Path $_.Filepath -Leaf }) }
}

Describe 'Huge images in model runs' {
    It '<_> refuses the huge PNG and the 60000x60000 JPEG per sample and passes on the rest in order' -ForEach @(
        'Invoke-FoModel', 'Get-FoEmbedding', 'Measure-FoUniqueness'
    ) {
        $samples = Get-Batch
        $out = switch ($_) {
            'Invoke-FoModel' { $samples | Invoke-FoModel -ErrorVariable errors -ErrorAction SilentlyContinue }
            'Get-FoEmbedding' { $samples | Get-FoEmbedding -ErrorVariable errors -ErrorAction SilentlyContinue }
            'Measure-FoUniqueness' { $samples | Measure-FoUniqueness -Model default -ErrorVariable errors -ErrorAction SilentlyContinue }
        }
        Get-Leaf $out | Should -Be 'good1.png', 'good2.png', 'good3.png', 'good4.png'
        $errors.Count | Should -Be 2
        $errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ImageUnreadable', 'ImageUnreadable'
        $errors.CategoryInfo.Category | Should -Be 'LimitsExceeded', 'LimitsExceeded'
        $errors.TargetObject.Filepath | Should -Be $huge, $claims
        $errors[0].Exception.Message | Should -BeLike "*30000x30000*89,478,485*$huge"
        $errors[1].Exception.Message | Should -BeLike "*60000x60000*$claims"
    }

    It 'New-FoModel trains on the readable images and reports the huge ones' {
        $path = Join-Path $TestDrive 'small.fomodel'
        $model = Get-Batch | New-FoModel -LabelField ground_truth -Path $path -Epochs 1 -Width 0.125 -BatchSize 2 -Seed 1 -InformationAction Ignore -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.TargetObject.Filepath | Should -Be $huge, $claims
        $errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ImageUnreadable', 'ImageUnreadable'
        $model.TrainingSamples | Should -Be 4
        Test-Path $path | Should -BeTrue
    }

    It 'Show-FoDataset makes every other thumbnail' {
        $out = Get-Batch | Show-FoDataset -Path (Join-Path $TestDrive 'g.html') -PassThru -ErrorVariable errors -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 6
        $errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'ThumbnailFailed', 'ThumbnailFailed'
        $errors.CategoryInfo.Category | Should -Be 'LimitsExceeded', 'LimitsExceeded'
        $errors.TargetObject.Filepath | Should -Be $huge, $claims
    }
}

Describe '$FoMaxImagePixels' {
    It 'lowers the limit for the scope that sets it, and only there' {
        function Invoke-Strict { $FoMaxImagePixels = 500; $args[0] | Invoke-FoModel -ErrorVariable inner -ErrorAction SilentlyContinue; $inner }
        $sample = New-FoSample $good[0]   # 21 x 24 = 504 pixels
        $result = @(Invoke-Strict $sample)
        $result.Count | Should -Be 1
        $result[0].FullyQualifiedErrorId | Should -BeLike 'ImageUnreadable,*'
        $result[0].Exception.Message | Should -BeLike '*21x24 (504 pixels), over the limit of 500 pixels*'
        @(New-FoSample $good[0] | Invoke-FoModel -ErrorVariable outer).Count | Should -Be 1
        $outer | Should -BeNullOrEmpty
    }

    It '0 means no limit up to what one buffer can hold' {
        $FoMaxImagePixels = 0
        $null = New-FoSample $huge | Get-FoEmbedding -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].Exception.Message | Should -BeLike '*over the limit of 536,870,895 pixels*'
    }

    It 'stops the run when it is not a whole number of 0 or more: <_>' -ForEach 'lots', -5 {
        $FoMaxImagePixels = $_
        { New-FoSample $good[0] | Invoke-FoModel } | Should -Throw -ErrorId 'InvalidMaxImagePixels,*'
    }
}

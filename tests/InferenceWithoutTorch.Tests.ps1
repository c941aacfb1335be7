BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
}

Describe 'Inference without libtorch' {
    BeforeAll {
        # A fresh process, so nothing else run in this one can have loaded libtorch: classify, embed and score with the
        # shipped .fomodel, then report which of TorchSharp and libtorch the process holds.
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:FO_MODULE
$samples = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 40
$classified = @($samples | Invoke-FoModel -Model default -StoreLogits)
$embedded = @($samples | Get-FoEmbedding -Model default)
$unique = @($samples | Measure-FoUniqueness -Model simple-resnet-fashion-mnist -Metric Euclidean)
$torchSharp = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'TorchSharp' }).Count
$libtorch = @(Get-Content /proc/self/maps | Where-Object { $_ -match 'libtorch|LibTorchSharp' }).Count
[pscustomobject]@{
    Classified = $classified.Count; Labelled = @($classified | Where-Object { $_.predictions.Label }).Count
    Embedded = $embedded.Count; Unique = @($unique | Where-Object { $null -ne $_.uniqueness }).Count
    TorchSharp = $torchSharp; Libtorch = $libtorch
} | ConvertTo-Json -Compress
'@
        $run = Invoke-ChildPwsh -Command $script -Environment @{ FO_MODULE = (Get-StagedModulePath) }
        $report = if ($run.ExitCode -eq 0) { $run.StdOut.Trim().Split("`n")[-1] | ConvertFrom-Json }
    }

    It 'classifies, embeds and scores with the shipped model' {
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        $report.Classified | Should -Be 40
        $report.Labelled | Should -Be 40
        $report.Embedded | Should -Be 40
        $report.Unique | Should -Be 40
    }

    It 'loads neither TorchSharp nor libtorch' {
        $report.TorchSharp | Should -Be 0
        $report.Libtorch | Should -Be 0
    }
}

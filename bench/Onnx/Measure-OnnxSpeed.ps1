<#
.SYNOPSIS
    Speed of resnet18-imagenet end to end (decode + preprocess + ONNX forward, Get-FoEmbedding) on real photos,
    against torchvision's ResNet18 forward in Debian's PyTorch (same 224x224 input, batch and threads) and against
    the FLOP limit (1.82 G multiply-adds per image at the libtorch matmul GFLOP/s measured in the same run).
.DESCRIPTION
    The photos are made at run time from Debian's python3-skimage and plasma-workspace-wallpapers (crops and
    near-duplicate copies, tests/OnnxModels.Support.py), 256x256 PNG and 224x224 JPEG. The load average is printed
    with the timings because the machine may be shared. `./build.sh Bench` installs the packages and calls this.
.EXAMPLE
    dotnet tool run pwsh -NoProfile -File bench/Onnx/Measure-OnnxSpeed.ps1 -Images 300
#>
[CmdletBinding()]
param(
    [int] $Images = 2000,
    [int] $BatchSize = 64
)
$ErrorActionPreference = 'Stop'
$root = Join-Path $PSScriptRoot '..' '..'
if (-not (Get-Command Get-FoEmbedding -ErrorAction Ignore)) {
    Import-Module (Join-Path $root 'out' 'FiftyOneBrain' 'FiftyOneBrain.psd1')
    Import-Module (Join-Path $root 'out' 'FiftyOneBrain.Training' 'FiftyOneBrain.Training.psd1') # ComputeLimit (libtorch)
}
$python = '/usr/bin/python3'
$multiplyAdds = 1.82e9   # ResNet18 at 224x224
$threads = [Environment]::ProcessorCount
function Get-LoadAverage { (Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ' }

$work = Join-Path ([IO.Path]::GetTempPath()) "fob-bench-onnx-$PID"
try {
    & $python (Join-Path $root 'tests' 'OnnxModels.Support.py') photos $work $Images
    if ($LASTEXITCODE -ne 0) { throw 'Making the photos failed (python3-skimage, python3-pil, plasma-workspace-wallpapers installed?)' }
    [FiftyOneBrain.Samples.Sample[]] $samples = @(Import-FoDataset $work -Format ImageDirectory)
    Write-Host ('{0} real photos (256x256 PNG and 224x224 JPEG); {1} threads; load average {2}' -f $samples.Count, $threads, (Get-LoadAverage))

    $gflops = [FiftyOneBrain.Models.ComputeLimit]::MatmulGflops(1024, 3.0)
    $limit = $gflops * 1e9 / (2 * $multiplyAdds)
    Write-Host ('libtorch fp32 matmul: {0:N1} GFLOP/s -> FLOP limit {1:N1} images/s for ResNet18 (load {2})' -f $gflops, $limit, (Get-LoadAverage))

    # What resnet18-imagenet decodes to: 224x224 RGB planes in 0..255 (its preprocessing graph does the rest).
    $decoding = [FiftyOneBrain.Models.ImagePreprocessing]@{ Size = 224; Mean = [float[]](0, 0, 0); Std = [float[]]@((1 / 255), (1 / 255), (1 / 255)) }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    foreach ($batch in [FiftyOneBrain.Models.DecodedBatchStream]::Read($samples, $BatchSize, $decoding, [Threading.CancellationToken]::None)) { }
    Write-Host ('decode + resize to 224 + normalise only: {0:N1} images/s (one thread, load {1})' -f ($samples.Count / $clock.Elapsed.TotalSeconds), (Get-LoadAverage))

    $null = $samples[0..3] | Get-FoEmbedding -Model resnet18-imagenet   # warm-up: sessions, kernels, threads
    $clock.Restart()
    $out = @($samples | Get-FoEmbedding -Model resnet18-imagenet -BatchSize $BatchSize)
    $rate = $out.Count / $clock.Elapsed.TotalSeconds
    Write-Host ('resnet18-imagenet end to end (Get-FoEmbedding, batch 1: the model''s fixed batch): {0} images in {1:N1} s = {2:N2} images/s; {3:P0} of the FLOP limit (load {4})' -f
        $out.Count, $clock.Elapsed.TotalSeconds, $rate, ($rate / $limit), (Get-LoadAverage))

    $peer = & $python (Join-Path $PSScriptRoot 'torchvision_resnet18.py') 1 ([Math]::Min($samples.Count, 300)) $threads 2>$null
    if ($LASTEXITCODE -ne 0 -or -not $peer) { throw 'torchvision ResNet18 failed (python3-torchvision installed?)' }
    $peerRate, $peerThreads, $version = $peer -split ' '
    Write-Host ('torchvision ResNet18 forward (PyTorch {0}, {1} thread(s), batch 1, 224x224, no decoding): {2} images/s; resnet18-imagenet end to end is {3:N2}x it (load {4})' -f
        $version, $peerThreads, $peerRate, ($rate / [double]$peerRate), (Get-LoadAverage))
}
finally {
    if (Test-Path $work) { Remove-Item $work -Recurse -Force }
}

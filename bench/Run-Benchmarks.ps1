<#
.SYNOPSIS
    Runs every benchmark (not tests): uniqueness kNN vs scikit-learn and the FLOP floor, scoring over
    1,000,000 samples, model speed vs the FLOP limit and PyTorch, and resnet18-imagenet on real photos vs
    torchvision's ResNet18 and the FLOP limit, and one similarity query over 1M x 512. Each prints its own baseline,
    measured in the same run. `./build.sh Bench` installs the Python peers and calls this.
.EXAMPLE
    ./build.sh Bench
#>
[CmdletBinding()]
param(
    [int[]] $UniquenessSizes = @(20000, 50000),
    [int] $Images = 10000,
    [int] $Photos = 2000
)
$ErrorActionPreference = 'Stop'
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }
$root = Split-Path $PSScriptRoot -Parent

function Invoke-DotnetBenchmark {
    param([Parameter(Mandatory)] [string] $Project, [string[]] $ArgumentList = @())
    Write-Information "$($PSStyle.Bold)== $Project $ArgumentList$($PSStyle.Reset)"
    & dotnet run -c Release --project (Join-Path $root 'bench' $Project) -- @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "bench/$Project failed with exit code $LASTEXITCODE" }
}

Invoke-DotnetBenchmark -Project Uniqueness -ArgumentList ($UniquenessSizes | ForEach-Object { "$_" })
Invoke-DotnetBenchmark -Project Scoring
Write-Information "$($PSStyle.Bold)== Models$($PSStyle.Reset)"
& (Join-Path $PSScriptRoot 'Models' 'Measure-ModelSpeed.ps1') -Images $Images
Write-Information "$($PSStyle.Bold)== Onnx$($PSStyle.Reset)"
& (Join-Path $PSScriptRoot 'Onnx' 'Measure-OnnxSpeed.ps1') -Images $Photos
Write-Information "$($PSStyle.Bold)== Gallery map$($PSStyle.Reset)"
& (Join-Path $PSScriptRoot 'Gallery' 'Measure-GalleryMap.ps1') | Format-Table -AutoSize | Out-String | Write-Information
Write-Information "$($PSStyle.Bold)== Visualization$($PSStyle.Reset)"
& (Join-Path $PSScriptRoot 'Visualization' 'Measure-Visualization.ps1')
Write-Information "$($PSStyle.Bold)== Similarity (one query over 1,000,000 x 512)$($PSStyle.Reset)"
& (Join-Path $PSScriptRoot 'Neighbors' 'Measure-SimilaritySpeed.ps1')
Invoke-DotnetBenchmark -Project Neighbors/Duplicates -ArgumentList '100000'
Invoke-DotnetBenchmark -Project Neighbors/Duplicates -ArgumentList '--million'
Write-Information "$($PSStyle.Bold)== Exact duplicates$($PSStyle.Reset)"
& (Join-Path $PSScriptRoot 'Neighbors' 'Measure-ExactDuplicateSpeed.ps1') -Files 60000

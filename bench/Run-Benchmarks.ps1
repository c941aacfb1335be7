<#
.SYNOPSIS
    Runs every benchmark (not tests): uniqueness kNN vs scikit-learn and the FLOP floor, scoring over
    1,000,000 samples, model speed vs the FLOP limit and PyTorch, and resnet18-imagenet on real photos vs
    torchvision's ResNet18 and the FLOP limit. Each prints its own baseline,
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
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..'))

function Invoke-DotnetBench([string] $Project, [string[]] $Arguments) {
    [Console]::WriteLine("== $Project $($Arguments -join ' ')")
    & dotnet run -c Release --project ([IO.Path]::Combine($root, 'bench', $Project)) -- @Arguments
    if ($LASTEXITCODE -ne 0) { throw "bench/$Project failed with exit code $LASTEXITCODE" }
}

Invoke-DotnetBench 'Uniqueness' ($UniquenessSizes | ForEach-Object { "$_" })
Invoke-DotnetBench 'Scoring' @()
[Console]::WriteLine('== Models')
& ([IO.Path]::Combine($root, 'bench', 'Models', 'Measure-ModelSpeed.ps1')) -Images $Images
[Console]::WriteLine('== Onnx')
& ([IO.Path]::Combine($root, 'bench', 'Onnx', 'Measure-OnnxSpeed.ps1')) -Images $Photos

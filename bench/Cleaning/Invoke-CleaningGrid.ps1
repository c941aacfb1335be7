<#
.SYNOPSIS
    The label-cleaning grid: uniform and asymmetric noise at 20% and 40%, each one Invoke-CleaningExperiment run
    (noisy, oracle and the repairs), appended to one JSON-lines log. Long: run it on a quiet machine.
.EXAMPLE
    ./bench/Cleaning/Invoke-CleaningGrid.ps1 -Samples 4000 -TestSamples 2000 -Epochs 8
#>
[CmdletBinding()]
param(
    [int] $Samples = 4000,
    [int] $TestSamples = 2000,
    [int] $Epochs = 8,
    [string[]] $NoiseMode = @('Uniform', 'Asymmetric'),
    [double[]] $NoiseFraction = @(0.2, 0.4),
    [string[]] $Variants = @('noisy', 'oracle', 'cl_remove_steps', 'cl_relabel_confident', 'cl_remove', 'cl_relabel'),
    [string] $LogPath = (Join-Path $PSScriptRoot 'results' 'grid.jsonl')
)
$ErrorActionPreference = 'Stop'
$experiment = Join-Path $PSScriptRoot 'Invoke-CleaningExperiment.ps1'
foreach ($mode in $NoiseMode) {
    foreach ($fraction in $NoiseFraction) {
        & $experiment -Samples $Samples -TestSamples $TestSamples -Epochs $Epochs -NoiseMode $mode -NoiseFraction $fraction -Variants $Variants -LogPath $LogPath
    }
}

<#
.SYNOPSIS
    Mutation testing of FiftyOneBrain.Core with Stryker.NET: how many injected faults the xunit tests catch.
.DESCRIPTION
    Mutates one area of src/FiftyOneBrain.Core at a time (Brain, Formats, ...) and runs the xunit tests that
    cover each mutant (Stryker's per-test coverage). Reports land in out/mutation/<Area>/ (HTML and JSON); the
    mutation score is printed at the end. Slow (tens of minutes per area on 2 cores), so not part of the test run.
.EXAMPLE
    ./build.ps1 -Task Mutation -Arguments @{ Area = 'Brain' }
.EXAMPLE
    ./build/Invoke-MutationTests.ps1 -Area Formats -Concurrency 2
#>
[CmdletBinding()]
param(
    [ValidateSet('Brain', 'Formats', 'Models', 'Gallery', 'Samples', 'Evaluation', 'Noise', 'Gates')]
    [string[]] $Area = @('Brain', 'Formats'),
    [int] $Concurrency = [Environment]::ProcessorCount
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$testProject = Join-Path $root 'tests' 'FiftyOneBrain.Core.Tests' 'FiftyOneBrain.Core.Tests.csproj'

foreach ($name in $Area) {
    $output = Join-Path $root 'out' 'mutation' $name
    Push-Location (Join-Path $root 'tests' 'FiftyOneBrain.Core.Tests')
    try {
        & dotnet tool run dotnet-stryker --project 'FiftyOneBrain.Core.csproj' --test-project $testProject `
            --mutate "**/$name/**/*.cs" --concurrency $Concurrency --reporter html --reporter json --reporter progress `
            --output $output --disable-bail
        if ($LASTEXITCODE -ne 0) { throw "Stryker failed on $name with exit code $LASTEXITCODE" }
    }
    finally { Pop-Location }
    $report = Get-ChildItem $output -Recurse -Filter 'mutation-report.json' | Sort-Object LastWriteTime | Select-Object -Last 1
    $mutants = (Get-Content $report.FullName -Raw | ConvertFrom-Json).files.PSObject.Properties.Value.mutants
    $killed = @($mutants | Where-Object status -in 'Killed', 'Timeout').Count
    $survived = @($mutants | Where-Object status -in 'Survived', 'NoCoverage').Count
    [pscustomobject]@{
        Area     = $name
        Killed   = $killed
        Survived = $survived
        Ignored  = @($mutants).Count - $killed - $survived
        Score    = if ($killed + $survived) { [math]::Round(100 * $killed / ($killed + $survived), 1) } else { $null }
        Report   = Join-Path (Split-Path $report.FullName -Parent) 'mutation-report.html'
    }
}

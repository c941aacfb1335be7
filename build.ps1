<#
.SYNOPSIS
    The single entry point to build, test, package and demo FiftyOneBrain.
.DESCRIPTION
    Runs under pwsh and under the repo's script host (tools/FoHost) alike, so it uses .NET APIs
    rather than Utility/Management cmdlets. build.sh installs the machine prerequisites first.
.EXAMPLE
    ./build.sh Test        # or: dotnet run --project tools/FoHost -c Release -- build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Walkthrough', 'TrainDefaultModel', 'Bench')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    # Extra arguments for the Walkthrough / Bench scripts, e.g. -Arguments @{ Samples = 2000 }
    [hashtable] $Arguments = @{}
)
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$module = [IO.Path]::Combine($root, 'out', 'FiftyOneBrain', 'FiftyOneBrain.psd1')

function Invoke-Native([string] $File, [string[]] $ArgumentList) {
    & $File @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$File $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', [IO.Path]::Combine($root, 'FiftyOneBrain.sln'), '-c', $Configuration, '-nologo', '-v:q', '-clp:NoSummary')
}

function Invoke-Test {
    Invoke-Build
    $passed = 0; $failed = 0; $skipped = 0; $ran = 0
    foreach ($project in 'FiftyOneBrain.Core.Tests', 'FiftyOneBrain.Module.Tests') {
        $path = [IO.Path]::Combine($root, 'tests', $project)
        & dotnet test $path -c $Configuration --no-build -nologo 2>&1 | ForEach-Object {
            $line = "$_"
            [Console]::WriteLine($line)
            if ($line -match '(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)') {
                $failed += [int]$Matches[2]; $passed += [int]$Matches[3]; $skipped += [int]$Matches[4]; $ran++
            }
        }
        if ($LASTEXITCODE -ne 0 -and $ran -eq 0) { $failed++ }
        $ran = 0
    }
    [Console]::WriteLine("$passed passed, $failed failed, $skipped skipped")
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Script([string] $RelativePath) {
    Invoke-Build
    Import-Module $module -Force
    $script = [IO.Path]::Combine($root, $RelativePath)
    & $script @Arguments
}

switch ($Task) {
    'Build'             { Invoke-Build }
    'Test'              { Invoke-Test }
    'Walkthrough'       { Invoke-Script 'examples/Walkthrough.ps1' }
    'TrainDefaultModel' { Invoke-Script 'build/TrainDefaultModel.ps1' }
    'Bench'             { Invoke-Script 'bench/Run-Benchmarks.ps1' }
    'Package'           { Invoke-Script 'build/Package.ps1' }
}

<#
.SYNOPSIS
    The single entry point to build, test, package and demo FiftyOneBrain.
.DESCRIPTION
    Runs in pwsh 7.4 or later. build.sh installs the machine prerequisites and the repo's pinned pwsh
    (.config/dotnet-tools.json) first; with a pwsh of your own, `./build.ps1 -Task Test` does the same
    once the Debian packages are there.
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Walkthrough -Arguments @{ Samples = 2000 }
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Walkthrough', 'TrainDefaultModel', 'Bench', 'Fuzz', 'Mutation')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    # Extra arguments for the Walkthrough / Bench / Fuzz scripts, e.g. -Arguments @{ Samples = 2000 }
    [hashtable] $Arguments = @{}
)
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$module = Join-Path $root 'out' 'FiftyOneBrain' 'FiftyOneBrain.psd1'
$trainingModule = Join-Path $root 'out' 'FiftyOneBrain.Training' 'FiftyOneBrain.Training.psd1'
$results = Join-Path $root 'out' 'test-results'

function Invoke-Native {
    param([string] $File, [string[]] $ArgumentList)
    & $File @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$File $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    # Staged from scratch: a file left by an older layout (e.g. libtorch in the core) must not ship.
    foreach ($name in 'FiftyOneBrain', 'FiftyOneBrain.Training') { Remove-Item (Join-Path $root 'out' $name) -Recurse -Force -ErrorAction Ignore }
    Invoke-Native dotnet @('build', (Join-Path $root 'FiftyOneBrain.sln'), '-c', $Configuration, '-nologo', '-v:q', '-clp:NoSummary')
}

function Get-TestCount {
    # Counts from a JUnit XML file (xunit's JUnit logger and Pester both write one).
    param([string] $Path)
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    $suites = ([xml](Get-Content $Path -Raw)).SelectNodes('//testsuite')
    $total = ($suites | Measure-Object -Property tests -Sum).Sum
    $failed = ($suites | ForEach-Object { [int]$_.failures + [int]$_.errors } | Measure-Object -Sum).Sum
    $skipped = ($suites | Measure-Object -Property skipped -Sum).Sum
    [pscustomobject]@{ Passed = $total - $failed - $skipped; Failed = $failed; Skipped = $skipped }
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native dotnet @('restore', (Join-Path $root 'build' 'TestTools.proj'), '-nologo', '-v:q')
    $null = New-Item -ItemType Directory -Path $results -Force
    Get-ChildItem $results -Filter *.xml | Remove-Item

    $xunitXml = Join-Path $results 'xunit.xml'
    & dotnet test (Join-Path $root 'tests' 'FiftyOneBrain.Core.Tests') -c $Configuration --no-build -nologo `
        --logger "junit;LogFilePath=$xunitXml"
    $pesterXml = Join-Path $results 'pester.xml'
    & (Join-Path $root 'tests' 'Invoke-ModuleTests.ps1') -OutputFile $pesterXml

    # The bounded fuzz run (tests/Fuzz): each target counts as one check, passed when it has no finding.
    $fuzz = try {
        @(& (Join-Path $root 'tests' 'Fuzz' 'Invoke-Fuzzing.ps1') -Quick -PassThru | Where-Object { $_.PSObject.Properties['UniqueFindings'] })
    }
    catch { Write-Host "Fuzzing could not run: $_"; @() }
    $fuzzFailed = @($fuzz | Where-Object UniqueFindings -GT 0).Count + ($fuzz.Count -eq 0 ? 1 : 0)
    $fuzzCount = [pscustomobject]@{ Passed = $fuzz.Count - @($fuzz | Where-Object UniqueFindings -GT 0).Count; Failed = $fuzzFailed; Skipped = 0 }

    $counts = @(Get-TestCount $xunitXml; Get-TestCount $pesterXml; $fuzzCount)
    $passed = ($counts | Measure-Object Passed -Sum).Sum
    $failed = ($counts | Measure-Object Failed -Sum).Sum
    $skipped = ($counts | Measure-Object Skipped -Sum).Sum
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed; fuzz targets: {4} clean, {5} with findings" -f
        $counts[0].Passed, $counts[0].Failed, $counts[1].Passed, $counts[1].Failed, $counts[2].Passed, $counts[2].Failed)
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Script {
    param([string] $RelativePath)
    Invoke-Build
    Import-Module $module -Force
    Import-Module $trainingModule -Force
    & (Join-Path $root $RelativePath) @Arguments
}

switch ($Task) {
    'Build'             { Invoke-Build }
    'Test'              { Invoke-Test }
    'Walkthrough'       { Invoke-Script 'examples/Walkthrough.ps1' }
    'TrainDefaultModel' { Invoke-Script 'build/TrainDefaultModel.ps1' }
    'Bench'             { Invoke-Script 'bench/Run-Benchmarks.ps1' }
    'Package'           { Invoke-Script 'build/Package.ps1' }
    'Fuzz'              { Invoke-Script 'tests/Fuzz/Invoke-Fuzzing.ps1' }
    'Mutation'          { Invoke-Script 'build/Invoke-MutationTests.ps1' }
}

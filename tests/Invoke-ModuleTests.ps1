<#
.SYNOPSIS
    Runs the Pester end-to-end tests (tests/*.Tests.ps1) in a new pwsh process against the staged module.
.DESCRIPTION
    Imports the Pester restored from NuGet by build/TestTools.proj (no network at test time) and writes a
    JUnit XML result. Exits with the number of failed tests, as Invoke-Pester does in CI mode.
.EXAMPLE
    ./tests/Invoke-ModuleTests.ps1 -Path ./tests/FindFoMistake.Tests.ps1
.EXAMPLE
    ./tests/Invoke-ModuleTests.ps1 -ExcludeTag Slow
#>
[CmdletBinding()]
param(
    [string[]] $Path = @($PSScriptRoot),
    [string[]] $Tag = @(),
    [string[]] $ExcludeTag = @(),
    [string] $OutputFile = (Join-Path $PSScriptRoot '..' 'out' 'test-results' 'pester.xml'),
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Normal',
    # Runs Pester in this process instead of a new one (used by the new process itself).
    [switch] $InProcess
)
$ErrorActionPreference = 'Stop'
$pesterVersion = '5.7.1'
$pester = Join-Path $PSScriptRoot '..' '.tools' 'packages' 'pester' $pesterVersion 'tools' 'Pester.psd1'

if (-not $InProcess) {
    # -File cannot pass arrays, so the new process gets a command with every value quoted.
    $quote = { param($Values) ($Values | ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }) -join ',' }
    $command = "& $(& $quote $PSCommandPath) -InProcess -OutputFile $(& $quote $OutputFile) -Verbosity $Verbosity -Path $(& $quote $Path)"
    if ($Tag) { $command += " -Tag $(& $quote $Tag)" }
    if ($ExcludeTag) { $command += " -ExcludeTag $(& $quote $ExcludeTag)" }
    & (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) -NoLogo -NoProfile -NonInteractive -Command $command
    exit $LASTEXITCODE
}

if (-not (Test-Path $pester)) {
    throw "Pester $pesterVersion is not restored at $pester; run: dotnet restore build/TestTools.proj"
}
Import-Module $pester -Force
$null = New-Item -ItemType Directory -Path (Split-Path $OutputFile -Parent) -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.Exit = $true
$configuration.Filter.Tag = $Tag
$configuration.Filter.ExcludeTag = $ExcludeTag
$configuration.Output.Verbosity = $Verbosity
$configuration.Output.CIFormat = 'None'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'JUnitXml'
$configuration.TestResult.OutputPath = $OutputFile
$configuration.Should.ErrorAction = 'Stop'
Invoke-Pester -Configuration $configuration

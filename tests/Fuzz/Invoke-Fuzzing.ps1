<#
.SYNOPSIS
    Fuzzes the format and header readers of FiftyOneBrain.Core with AFL++ and SharpFuzz.
.DESCRIPTION
    Publishes tests/Fuzz/FiftyOneBrain.Fuzz.csproj to out/fuzz/bin, instruments its copy of
    FiftyOneBrain.Core.dll with sharpfuzz (the repo's dotnet tool), then runs afl-fuzz on each target in turn
    for -Seconds, starting from tests/Fuzz/corpus/<target> (and tests/Fuzz/dictionaries/<target>.dict when
    there is one). Every saved crash and hang is then replayed outside the fuzzer to name its exception and
    frame; the distinct names are the unique findings. Prints one table row per target; -PassThru also
    returns the rows as objects. See tests/Fuzz/README.md.
.EXAMPLE
    ./tests/Fuzz/Invoke-Fuzzing.ps1 -Target npy, fomodel -Seconds 120
.EXAMPLE
    ./tests/Fuzz/Invoke-Fuzzing.ps1 -Quick -FailOnFinding
    The short CI-bounded run: three fast targets for 20 seconds each; a finding is a terminating error.
#>
[CmdletBinding()]
param(
    # Target names (the folders of tests/Fuzz/corpus); all of them by default.
    [string[]] $Target,
    # How long afl-fuzz runs each target.
    [ValidateRange(5, 2592000)]
    [int] $Seconds = 60,
    # The CI-bounded run: npy, fomodel and yolo-labels for 20 seconds each (unless -Target/-Seconds say otherwise).
    [switch] $Quick,
    # afl-fuzz's per-input timeout; an input that runs longer is a hang.
    [int] $TimeoutMilliseconds = 5000,
    # The .NET heap limit of the fuzzed process, so a huge allocation fails as OutOfMemory instead of swapping.
    [int] $HeapLimitMegabytes = 1024,
    [string] $OutputDirectory = (Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'out' 'fuzz'),
    # Reuse out/fuzz/bin from an earlier run.
    [switch] $NoBuild,
    # Continue the previous run's queue in out/fuzz/findings/<target> instead of starting from the seeds.
    [switch] $Resume,
    # Stop with a terminating error when any target has a unique finding.
    [switch] $FailOnFinding,
    [switch] $PassThru
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repoRoot = Split-Path (Split-Path $PSScriptRoot)
$corpusRoot = Join-Path $PSScriptRoot 'corpus'
$binDirectory = Join-Path $OutputDirectory 'bin'
$harness = Join-Path $binDirectory 'FiftyOneBrain.Fuzz.dll'
$quickTargets = 'npy', 'fomodel', 'yolo-labels'

function Invoke-Native {
    param([string] $File, [string[]] $ArgumentList)
    & $File @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$File $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE" }
}

function Build-Harness {
    if (Test-Path $binDirectory) { Remove-Item $binDirectory -Recurse -Force }
    Write-Host "Publishing the fuzz harness to $binDirectory"
    Invoke-Native dotnet @('publish', (Join-Path $PSScriptRoot 'FiftyOneBrain.Fuzz.csproj'), '-c', 'Release', '-o', $binDirectory, '-nologo', '-v:q', '-clp:NoSummary')
    Push-Location $repoRoot
    try {
        Invoke-Native dotnet @('tool', 'restore')
        Invoke-Native dotnet @('tool', 'run', 'sharpfuzz', (Join-Path $binDirectory 'FiftyOneBrain.Core.dll'))
    }
    finally { Pop-Location }
}

function Get-AflEnvironment {
    @{
        AFL_SKIP_BIN_CHECK                   = '1'      # the program is dotnet, instrumented by SharpFuzz rather than afl-cc
        AFL_SKIP_CPUFREQ                     = '1'      # no access to the CPU governor here
        AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES = '1'     # core_pattern may pipe cores elsewhere in containers
        AFL_NO_AFFINITY                      = '1'      # the cores are shared; do not pin
        AFL_NO_UI                            = '1'      # plain status lines into the log instead of the screen UI
        AFL_FORKSRV_INIT_TMOUT               = '120000' # .NET start-up on a loaded machine
        AFL_SHUFFLE_QUEUE                    = '0'
        DOTNET_GCHeapHardLimit               = '0x{0:X}' -f ($HeapLimitMegabytes * 1MB)
        DOTNET_TieredCompilation             = '0'      # one JIT tier: steadier timing under afl-fuzz
    }
}

function Invoke-WithEnvironment {
    param([hashtable] $Variables, [scriptblock] $ScriptBlock)
    $saved = @{}
    foreach ($name in $Variables.Keys) {
        $saved[$name] = (Test-Path "env:$name") ? (Get-Item "env:$name").Value : $null
        Set-Item "env:$name" $Variables[$name]
    }
    try { & $ScriptBlock }
    finally {
        foreach ($name in $saved.Keys) {
            if ($null -eq $saved[$name]) { Remove-Item "env:$name" -ErrorAction SilentlyContinue } else { Set-Item "env:$name" $saved[$name] }
        }
    }
}

function Get-LogTail {
    # The last lines of an afl-fuzz log without its colour codes.
    param([string] $Path)
    (Get-Content $Path -Tail 15 | ForEach-Object { $_ -replace '\e\[[0-9;?]*[A-Za-z]|\e\(B', '' }) -join "`n"
}

function Read-FuzzerStat {
    param([string] $Path)
    if (-not (Test-Path $Path)) { throw "afl-fuzz wrote no statistics ($Path); see the log next to it." }
    Get-Content $Path -Raw | ConvertFrom-StringData -Delimiter ':'
}

function Get-UniqueFinding {
    # The distinct "<Exception> at <method>" signatures: crashes/ and hangs/ replayed one by one, plus the harness's
    # own log of every crash as it happened (which also names crashes that need the inputs before them).
    param([string] $Name, [string] $FindingsDirectory, [string] $CrashLog)
    $inputs = @('crashes', 'hangs' | ForEach-Object { Join-Path $FindingsDirectory 'default' $_ } |
        Where-Object { Test-Path $_ } | Get-ChildItem -File | Where-Object Name -NE 'README.txt')
    $replayed = @()
    if ($inputs.Count -gt 0) {
        $replayed = & dotnet $harness $Name @($inputs.FullName) 2>&1
        $replayed | Set-Content (Join-Path $FindingsDirectory 'replay.txt')
    }
    $logged = (Test-Path $CrashLog) ? (Get-Content $CrashLog) : @()
    @(@($replayed | Select-String '^FINDING (?<signature>.+) \S+$') + @($logged | Select-String '^FINDING (?<signature>.+)$') |
        ForEach-Object { $_.Matches[0].Groups['signature'].Value } | Sort-Object -Unique)
}

function Invoke-Target {
    param([string] $Name)
    $findings = Join-Path $OutputDirectory 'findings' $Name
    $log = Join-Path $OutputDirectory "$Name.log"
    $crashLog = Join-Path $OutputDirectory "$Name.crashes.txt"
    if (-not $Resume) { $findings, $crashLog | Where-Object { Test-Path $_ } | Remove-Item -Recurse -Force }
    $null = New-Item -ItemType Directory -Path (Split-Path $findings) -Force
    $aflArguments = @(
        '-i', ($Resume ? '-' : (Join-Path $corpusRoot $Name)), '-o', $findings,
        '-t', $TimeoutMilliseconds, '-m', 'none', '-V', $Seconds
    )
    $dictionary = Join-Path $PSScriptRoot 'dictionaries' "$Name.dict"
    if (Test-Path $dictionary) { $aflArguments += '-x', $dictionary }
    $aflArguments += '--', (Get-Command dotnet).Source, $harness, $Name

    Write-Host "Fuzzing $Name for $Seconds s (log: $log)"
    Invoke-WithEnvironment @{ FOB_FUZZ_CRASH_LOG = $crashLog } { & afl-fuzz @aflArguments *> $log }
    if ($LASTEXITCODE -ne 0) { throw "afl-fuzz failed on $Name with exit code $LASTEXITCODE; the end of $($log):`n$(Get-LogTail $log)" }

    $stats = Read-FuzzerStat (Join-Path $findings 'default' 'fuzzer_stats')
    $unique = @(Get-UniqueFinding -Name $Name -FindingsDirectory $findings -CrashLog $crashLog)
    [pscustomobject]@{
        PSTypeName       = 'FiftyOneBrain.FuzzResult'
        Target           = $Name
        Seconds          = [int]$stats.run_time
        Executions       = [long]$stats.execs_done
        ExecsPerSecond   = [double]$stats.execs_per_sec
        Paths            = [int]$stats.corpus_count
        Crashes          = [int]$stats.saved_crashes
        Hangs            = [int]$stats.saved_hangs
        UniqueFindings   = $unique.Count
        Findings         = $unique
        FindingsDirectory = $findings
    }
}

if (-not (Get-Command afl-fuzz -ErrorAction SilentlyContinue)) {
    throw 'afl-fuzz is not installed (Debian package afl++; ./build.sh Fuzz installs it).'
}
$known = Get-ChildItem $corpusRoot -Directory | Select-Object -ExpandProperty Name
if ($Quick) {
    if (-not $PSBoundParameters.ContainsKey('Target')) { $Target = $quickTargets }
    if (-not $PSBoundParameters.ContainsKey('Seconds')) { $Seconds = 20 }
}
if (-not $Target) { $Target = $known }
# pwsh -File passes "-Target a,b" as one string.
$Target = @($Target -split ',' | ForEach-Object Trim | Where-Object { $_ })
$unknown = @($Target | Where-Object { $_ -notin $known })
if ($unknown) { throw "Unknown fuzz target(s): $($unknown -join ', '). Known: $($known -join ', ')." }

$null = New-Item -ItemType Directory -Path $OutputDirectory -Force
if (-not $NoBuild) { Build-Harness }
elseif (-not (Test-Path $harness)) { throw "No harness at $harness; run without -NoBuild first." }

$results = Invoke-WithEnvironment (Get-AflEnvironment) {
    foreach ($name in $Target) { Invoke-Target $name }
}
$results | Format-Table Target, Seconds, Executions, ExecsPerSecond, Paths, Crashes, Hangs, UniqueFindings -AutoSize | Out-String | Write-Host
foreach ($result in $results | Where-Object UniqueFindings -GT 0) {
    Write-Host "$($result.Target): $($result.Findings -join '; ') (inputs and replay.txt in $($result.FindingsDirectory))"
}
if ($PassThru) { $results }
if ($FailOnFinding -and ($results | Where-Object UniqueFindings -GT 0)) {
    throw "Fuzzing found $(($results | Measure-Object UniqueFindings -Sum).Sum) unique finding(s); see the table above."
}

<#
.SYNOPSIS
    Repeats New-FoModel and Invoke-FoCrossValidation in fresh processes for a bounded time and counts the
    runs that fail, to show that training has no nondeterministic native failure.
.DESCRIPTION
    Each run is a new pwsh process (a native crash cannot take the loop down) that imports -TrainSamples
    Fashion-MNIST images, adds 30% label noise with the run's seed, trains one model and runs K-fold
    cross-validation, as the reproduction script of issue 11 does, smaller. The loop stops after -Minutes
    (a run under way finishes) or -MaxRuns, and prints one line per run and a summary; -OutputPath also
    writes it as JSON.

    -GcPressure runs a thread beside training that sets off a generation-0 collection about every
    millisecond, as a decode thread or the host allocating does now and then in a real session, so finalizers
    run while libtorch works. That is what exposed the failure of issue 11: TorchSharp's temporary Scalar
    objects (implicit conversions of 1, the learning rate, momentum) were finalized while libtorch still read them.
.EXAMPLE
    dotnet tool run pwsh -NoProfile -File bench/Stress/Invoke-TrainingStress.ps1 -Minutes 10 -GcPressure
#>
[CmdletBinding()]
param(
    [ValidateRange(0.1, 600)] [double] $Minutes = 10,
    [ValidateRange(1, 100000)] [int] $MaxRuns = 1000,
    [ValidateRange(10, 60000)] [int] $TrainSamples = 1000,
    [ValidateRange(1, 100)] [int] $Epochs = 3,
    [ValidateRange(2, 10)] [int] $Folds = 3,
    [double] $Width = 0.25,
    [switch] $GcPressure,
    [string] $DataDirectory = '/usr/share/datasets/fashion-mnist',
    [string] $ModulePath = (Join-Path $PSScriptRoot '..' '..' 'out' 'FiftyOneBrain' 'FiftyOneBrain.psd1'),
    [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = (Resolve-Path $ModulePath).Path
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$work = Join-Path ([IO.Path]::GetTempPath()) "fob-training-stress-$PID"
$null = New-Item -ItemType Directory -Path $work -Force

# The script one run executes; the run's seed comes as its first argument.
$runScript = Join-Path $work 'run.ps1'
Set-Content -Path $runScript -Value @'
param([int] $Seed, [string] $Module, [string] $Data, [int] $Samples, [int] $Epochs, [int] $Folds, [double] $Width, [string] $Work, [int] $GcPressure)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Import-Module (Join-Path (Split-Path (Split-Path $Module -Parent) -Parent) 'FiftyOneBrain.Training' 'FiftyOneBrain.Training.psd1')
if ($GcPressure) {
    # Collections set off from another thread about every millisecond while training runs, as a decode
    # thread or the host allocating would, so finalizers run during native calls.
    $null = Start-ThreadJob -Name gc-pressure -ScriptBlock {
        $until = [DateTime]::UtcNow.AddHours(1)
        while ([DateTime]::UtcNow -lt $until) { [GC]::Collect(0); Start-Sleep -Milliseconds 1 }
    }
}
try {
    $train = @(Import-FoDataset $Data -Format FashionMNIST -Split train -MaxSamples $Samples)
    $train = @($train | Add-FoLabelNoise -LabelField ground_truth -Fraction 0.3 -Seed $Seed)
    $model = Join-Path $Work "run-$Seed.fomodel"
    $null = $train | New-FoModel -LabelField ground_truth -Path $model -Epochs $Epochs -Width $Width -Seed 7 -InformationAction Ignore
    $out = @($train | Invoke-FoCrossValidation -LabelField ground_truth -Folds $Folds -Epochs $Epochs -Width $Width -Seed 7 -PredictionField oos -StoreLogits -InformationAction Ignore)
    Remove-Item $model
    if ($out.Count -ne $train.Count) { throw "Cross-validation returned $($out.Count) of $($train.Count) samples." }
    'ok'
}
catch {
    # One plain line: the error's first line (libtorch's message) and the command that failed.
    'FAILED in {0}: {1}' -f $_.InvocationInfo.MyCommand, ($_.Exception.Message -split '\r?\n')[0]
    exit 1
}
'@

$clock = [Diagnostics.Stopwatch]::StartNew()
$runs = [Collections.Generic.List[object]]::new()
while ($runs.Count -lt $MaxRuns -and $clock.Elapsed.TotalMinutes -lt $Minutes) {
    $seed = 1000 + $runs.Count
    $started = $clock.Elapsed
    $output = & $pwsh -NoLogo -NoProfile -NonInteractive -File $runScript $seed $module $DataDirectory $TrainSamples $Epochs $Folds $Width $work ([int]$GcPressure.IsPresent) 2>&1
    $exit = $LASTEXITCODE
    $text = @($output | ForEach-Object { "$_" })
    $passed = $exit -eq 0 -and $text -contains 'ok'
    # The run's own FAILED line, else (a native crash) the exit code.
    $reason = $passed ? '' : (@($text | Where-Object { $_ -like 'FAILED in *' }) + @("exit code $exit") | Select-Object -First 1)
    $run = [pscustomobject]@{
        Run     = $runs.Count + 1
        Seed    = $seed
        Passed  = $passed
        ExitCode = $exit
        Seconds = [Math]::Round(($clock.Elapsed - $started).TotalSeconds, 1)
        Reason  = "$reason".Trim()
    }
    $runs.Add($run)
    Write-Information -InformationAction Continue ('run {0}: {1} in {2} s {3}' -f $run.Run, ($passed ? 'passed' : 'FAILED'), $run.Seconds, $run.Reason)
}
Remove-Item -Recurse -Force $work

$failed = @($runs | Where-Object { -not $_.Passed })
$summary = [pscustomobject]@{
    Runs         = $runs.Count
    Failures     = $failed.Count
    Minutes      = [Math]::Round($clock.Elapsed.TotalMinutes, 1)
    TrainSamples = $TrainSamples
    Epochs       = $Epochs
    Folds        = $Folds
    Width        = $Width
    GcPressure   = $GcPressure.IsPresent
    FailureReasons = @($failed | ForEach-Object Reason | Sort-Object -Unique)
}
Write-Information -InformationAction Continue ('{0} runs, {1} failed, {2} min (training {3} samples x {4} epochs, {5}-fold CV, GC pressure {6})' -f
    $summary.Runs, $summary.Failures, $summary.Minutes, $TrainSamples, $Epochs, $Folds, $summary.GcPressure)
if ($OutputPath) {
    $summary | Add-Member -NotePropertyName RunDetails -NotePropertyValue $runs.ToArray()
    $summary | ConvertTo-Json -Depth 4 | Set-Content -Path $OutputPath
}
$summary

<#
.SYNOPSIS
    Exact-duplicate hashing speed: Find-FoDuplicate -Exact on N files against sha256sum on the same files, same run.
.DESCRIPTION
    Writes N files of random bytes (8 to 56 KiB, 1 % of them byte copies of an earlier file) to a temporary folder,
    reads them once so both sides start from the page cache, then times sha256sum (one process over all files, through
    xargs) and the module. Prints MB/s for both and checks the module found exactly the planted copies. Needs the
    staged module (./build.sh Build).
.EXAMPLE
    ./bench/Neighbors/Measure-ExactDuplicateSpeed.ps1 -Files 60000
#>
[CmdletBinding()]
param(
    [int] $Files = 60000
)
$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
Import-Module (Join-Path $root 'out' 'FiftyOneBrain' 'FiftyOneBrain.psd1') -Force
$dir = Join-Path ([IO.Path]::GetTempPath()) "fo-hash-bench-$PID"
$null = New-Item -ItemType Directory $dir
try {
    $random = [Random]::new(1)
    $paths = [Collections.Generic.List[string]]::new()
    $planted = 0
    for ($i = 0; $i -lt $Files; $i++) {
        $path = Join-Path $dir ('{0:D6}.bin' -f $i)
        if ($i -gt 0 -and $random.NextDouble() -lt 0.01) {
            Copy-Item $paths[$random.Next($i)] $path
            $planted++
        }
        else {
            $bytes = [byte[]]::new($random.Next(8KB, 56KB))
            $random.NextBytes($bytes)
            [IO.File]::WriteAllBytes($path, $bytes)
        }
        $paths.Add($path)
    }
    $megabytes = (Get-ChildItem $dir -File | Measure-Object Length -Sum).Sum / 1MB
    $null = & sh -c "find '$dir' -type f -print0 | xargs -0 cat > /dev/null"

    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = & sh -c "find '$dir' -type f -print0 | xargs -0 sha256sum > /dev/null"
    $peer = $watch.Elapsed.TotalSeconds

    $samples = foreach ($p in $paths) { New-FoSample $p }
    $watch.Restart()
    $found = @($samples | Find-FoDuplicate -Exact | Where-Object duplicate_of).Count
    $module = $watch.Elapsed.TotalSeconds

    $load = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 1
    '{0} files, {1:N0} MB (page cache), load average {2}' -f $Files, $megabytes, $load
    '  sha256sum        {0,7:N2} s  {1,7:N0} MB/s' -f $peer, ($megabytes / $peer)
    '  Find-FoDuplicate {0,7:N2} s  {1,7:N0} MB/s  ({2:N2}x sha256sum; {3} duplicates found, {4} planted)' -f $module, ($megabytes / $module), ($peer / $module), $found, $planted
}
finally {
    Remove-Item $dir -Recurse -Force
}

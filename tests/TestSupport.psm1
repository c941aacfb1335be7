<#
    Helpers shared by the Pester tests: where the staged module is, a child pwsh for tests that need a
    clean process (exit codes, package installs), and small PNG files written without the module's code.
#>
Set-StrictMode -Version Latest

$repoRoot = Split-Path $PSScriptRoot -Parent

function Get-TestRepoRoot { $repoRoot }

function Get-StagedModulePath {
    # The manifest of a staged module: FiftyOneBrain (the core) or FiftyOneBrain.Training (training on
    # libtorch; import the core first, it is the training module's RequiredModules). FOB_MODULE and
    # FOB_TRAINING_MODULE point the tests at other staged copies; the default is what the build stages.
    param([ValidateSet('FiftyOneBrain', 'FiftyOneBrain.Training')] [string] $Name = 'FiftyOneBrain')
    $override = $Name -eq 'FiftyOneBrain' ? $env:FOB_MODULE : $env:FOB_TRAINING_MODULE
    if ($override) { return $override }
    Join-Path $repoRoot 'out' $Name "$Name.psd1"
}

function Get-PwshPath {
    # The pwsh running the tests (the repo's pinned tool, or the user's own).
    Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs pwsh in a new process and returns its exit code, standard output and standard error.
    .PARAMETER Environment
        Variables set for the child only, e.g. @{ PSModulePath = $folder }.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Command')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command', Position = 0)] [string] $Command,
        [Parameter(Mandatory, ParameterSetName = 'File')] [string] $File,
        [Parameter(ParameterSetName = 'File')] [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [timespan] $Timeout = [timespan]::FromMinutes(5)
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-PwshPath))
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    foreach ($a in '-NoLogo', '-NoProfile', '-NonInteractive') { $info.ArgumentList.Add($a) }
    if ($PSCmdlet.ParameterSetName -eq 'Command') {
        $info.ArgumentList.Add('-Command'); $info.ArgumentList.Add($Command)
    }
    else {
        $info.ArgumentList.Add('-File'); $info.ArgumentList.Add($File)
        foreach ($a in $ArgumentList) { $info.ArgumentList.Add($a) }
    }
    $info.Environment['NO_COLOR'] = '1'  # plain error text: ANSI codes would end up in assertions and JUnit XML
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string]$Environment[$name] }
    $process = [System.Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit([int]$Timeout.TotalMilliseconds)) {
        $process.Kill($true)
        throw "The child pwsh did not finish within $Timeout."
    }
    [pscustomobject]@{
        ExitCode = $process.ExitCode
        Stdout   = $stdout.Result
        Stderr   = $stderr.Result
        Lines    = @($stdout.Result -split '\r?\n' | ForEach-Object Trim | Where-Object { $_ })
    }
}

$crcTable = [uint32[]]::new(256)
for ($n = 0; $n -lt 256; $n++) {
    $c = [uint32]$n
    for ($k = 0; $k -lt 8; $k++) { $c = ($c -band 1) ? (0xEDB88320u -bxor ($c -shr 1)) : ($c -shr 1) }
    $crcTable[$n] = $c
}

function Write-PngChunk([System.IO.Stream] $Stream, [string] $Type, [byte[]] $Data) {
    $body = [byte[]]::new(4 + $Data.Length)
    [Text.Encoding]::ASCII.GetBytes($Type).CopyTo($body, 0)
    $Data.CopyTo($body, 4)
    $length = [BitConverter]::GetBytes([uint32]$Data.Length); [Array]::Reverse($length)
    $Stream.Write($length, 0, 4)
    $Stream.Write($body, 0, $body.Length)
    $crc = [uint32]0xFFFFFFFFu
    foreach ($b in $body) { $crc = $crcTable[($crc -bxor $b) -band 0xFF] -bxor ($crc -shr 8) }
    $tail = [BitConverter]::GetBytes([uint32]($crc -bxor 0xFFFFFFFFu)); [Array]::Reverse($tail)
    $Stream.Write($tail, 0, 4)
}

function New-TestPng {
    <#
    .SYNOPSIS
        Writes an RGB PNG: a diagonal gradient between two colours with a lighter square in the middle.
    .EXAMPLE
        New-TestPng (Join-Path $TestDrive 'a.png') -Width 32 -Height 24 -From 200, 30, 30 -To 30, 30, 200
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Path,
        [int] $Width = 32,
        [int] $Height = 32,
        [byte[]] $From = @(0, 0, 0),
        [byte[]] $To = @(255, 255, 255)
    )
    # The colour depends on x + y only, so each row is a slice of one diagonal strip (and of a lighter
    # strip inside the middle square): O(width + height) script work, fast even for large images.
    $span = $Width + $Height - 1
    $plain = [byte[]]::new($span * 3)
    $light = [byte[]]::new($span * 3)
    for ($d = 0; $d -lt $span; $d++) {
        $t = $d / [double]([Math]::Max(1, $Width + $Height - 2))
        for ($ch = 0; $ch -lt 3; $ch++) {
            $v = $From[$ch] + ($To[$ch] - $From[$ch]) * $t
            $plain[3 * $d + $ch] = [byte][Math]::Clamp([Math]::Truncate($v), 0, 255)
            $light[3 * $d + $ch] = [byte][Math]::Clamp([Math]::Truncate($v + (255 - $v) * 0.45), 0, 255)
        }
    }
    $x0 = [int][Math]::Floor($Width / 3) + 1; $x1 = [int][Math]::Floor(2 * $Width / 3) - 1
    $y0 = [int][Math]::Floor($Height / 3) + 1; $y1 = [int][Math]::Floor(2 * $Height / 3) - 1
    $stride = 1 + $Width * 3
    $raw = [byte[]]::new($Height * $stride)  # each row starts with filter byte 0 (none)
    for ($y = 0; $y -lt $Height; $y++) {
        [Array]::Copy($plain, 3 * $y, $raw, $y * $stride + 1, 3 * $Width)
        if ($y -ge $y0 -and $y -le $y1 -and $x1 -ge $x0) {
            [Array]::Copy($light, 3 * ($y + $x0), $raw, $y * $stride + 1 + 3 * $x0, 3 * ($x1 - $x0 + 1))
        }
    }
    $header = [byte[]]::new(13)
    $w = [BitConverter]::GetBytes([uint32]$Width); [Array]::Reverse($w); [Array]::Copy($w, 0, $header, 0, 4)
    $h = [BitConverter]::GetBytes([uint32]$Height); [Array]::Reverse($h); [Array]::Copy($h, 0, $header, 4, 4)
    $header[8] = 8; $header[9] = 2  # 8 bits per channel, RGB
    $compressed = [System.IO.MemoryStream]::new()
    $z = [System.IO.Compression.ZLibStream]::new($compressed, [System.IO.Compression.CompressionLevel]::Fastest, $true)
    $z.Write($raw, 0, $raw.Length); $z.Dispose()
    $null = New-Item -ItemType Directory -Path (Split-Path $Path -Parent) -Force
    $file = [System.IO.File]::Create($Path)
    try {
        $file.Write([byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), 0, 8)
        Write-PngChunk $file 'IHDR' $header
        Write-PngChunk $file 'IDAT' $compressed.ToArray()
        Write-PngChunk $file 'IEND' ([byte[]]@())
    }
    finally { $file.Dispose() }
    Get-Item $Path
}

Export-ModuleMember -Function Get-TestRepoRoot, Get-StagedModulePath, Get-PwshPath, Invoke-ChildPwsh, New-TestPng

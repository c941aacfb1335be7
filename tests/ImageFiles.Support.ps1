<#
    Image files that decode paths must survive, made cheaply for ImageDecoding.Tests.ps1 and
    BadInput.Images.Tests.ps1 (dot-source it in BeforeAll). New-TestPng in TestSupport.psm1 writes 8-bit RGB
    only; these cover the other colour types, bit depths, huge headers and damaged files.
#>

$script:SkimageData = '/usr/lib/python3/dist-packages/skimage/data'

# CRC-32 as PNG chunks need it, in [long] arithmetic (PowerShell reads 0xEDB88320 as a negative int).
$script:PngCrcTable = [long[]]::new(256)
for ($n = 0; $n -lt 256; $n++) {
    [long] $c = $n
    for ($k = 0; $k -lt 8; $k++) { $c = ($c -band 1) ? (3988292384L -bxor ($c -shr 1)) : ($c -shr 1) }
    $script:PngCrcTable[$n] = $c
}

function Write-PngChunkBytes([System.IO.Stream] $Stream, [string] $Type, [byte[]] $Data) {
    $body = [byte[]]([Text.Encoding]::ASCII.GetBytes($Type) + $Data)
    $length = [BitConverter]::GetBytes([uint32]$Data.Length); [Array]::Reverse($length)
    $Stream.Write($length, 0, 4)
    $Stream.Write($body, 0, $body.Length)
    [long] $crc = 4294967295L
    foreach ($b in $body) { $crc = $script:PngCrcTable[($crc -bxor $b) -band 0xFF] -bxor ($crc -shr 8) }
    $tail = [BitConverter]::GetBytes([uint32]($crc -bxor 4294967295L)); [Array]::Reverse($tail)
    $Stream.Write($tail, 0, 4)
}

function Write-RawPng {
    <#
    .SYNOPSIS
        Writes an unfiltered PNG of any colour type and bit depth with a deterministic pattern.
    .PARAMETER ColorType
        0 grey, 2 RGB, 3 palette (a 4-colour PLTE is written), 4 grey + alpha, 6 RGBA.
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [int] $Width = 24,
        [int] $Height = 20,
        [ValidateSet(0, 2, 3, 4, 6)] [int] $ColorType = 2,
        [ValidateSet(1, 8, 16)] [int] $BitDepth = 8,
        # Rows written to IDAT (default all): 0 gives a header that claims a size with no pixel data.
        [int] $Rows = -1,
        [switch] $BreakCrc
    )
    $channels = @{ 0 = 1; 2 = 3; 3 = 1; 4 = 2; 6 = 4 }[$ColorType]
    $rowBytes = [int][Math]::Ceiling($Width * $channels * $BitDepth / 8.0)
    $rowsWritten = $Rows -lt 0 ? $Height : $Rows
    $header = [byte[]]::new(13)
    $w = [BitConverter]::GetBytes([uint32]$Width); [Array]::Reverse($w); [Array]::Copy($w, 0, $header, 0, 4)
    $h = [BitConverter]::GetBytes([uint32]$Height); [Array]::Reverse($h); [Array]::Copy($h, 0, $header, 4, 4)
    $header[8] = $BitDepth; $header[9] = $ColorType
    $compressed = [System.IO.MemoryStream]::new()
    $z = [System.IO.Compression.ZLibStream]::new($compressed, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    $row = [byte[]]::new(1 + $rowBytes)
    $black = $BitDepth -eq 1 -and $ColorType -eq 0
    for ($y = 0; $y -lt $rowsWritten; $y++) {
        if (-not $black) {
            for ($i = 1; $i -le $rowBytes; $i++) { $row[$i] = [byte](($i * 7 + $y * 13) % 256) }
            if ($ColorType -eq 3) { for ($i = 1; $i -le $rowBytes; $i++) { $row[$i] = $row[$i] % 4 } }
        }
        $z.Write($row, 0, $row.Length)
    }
    $z.Dispose()
    $null = New-Item -ItemType Directory -Path (Split-Path $Path -Parent) -Force
    $file = [System.IO.File]::Create($Path)
    try {
        $file.Write([byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), 0, 8)
        Write-PngChunkBytes $file 'IHDR' $header
        if ($ColorType -eq 3) { Write-PngChunkBytes $file 'PLTE' ([byte[]](200, 30, 30, 30, 200, 30, 30, 30, 200, 240, 240, 240)) }
        Write-PngChunkBytes $file 'IDAT' $compressed.ToArray()
        Write-PngChunkBytes $file 'IEND' ([byte[]]@())
    }
    finally { $file.Dispose() }
    if ($BreakCrc) {
        # Flip a bit of the IHDR checksum (bytes 29-32): the header chunk no longer verifies.
        $bytes = [System.IO.File]::ReadAllBytes($Path); $bytes[29] = $bytes[29] -bxor 0x01
        [System.IO.File]::WriteAllBytes($Path, $bytes)
    }
    Get-Item $Path
}

function Write-HugePng {
    <# A valid 1-bit black PNG of Width x Height: 30000 x 30000 deflates to about 100 KB. -Rows 0: header only. #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Width = 30000, [int] $Height = 30000, [int] $Rows = -1)
    Write-RawPng -Path $Path -Width $Width -Height $Height -ColorType 0 -BitDepth 1 -Rows $Rows
}

function Copy-JpegClaiming {
    <# A copy of a real JPEG whose frame header (SOF0/SOF2) is patched to claim Width x Height. #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Width = 60000, [int] $Height = 60000,
        [string] $Source = (Join-Path $script:SkimageData 'rocket.jpg'))
    $bytes = [System.IO.File]::ReadAllBytes($Source)
    $i = 2
    while ($i -lt $bytes.Length - 9) {
        $marker = $bytes[$i + 1]
        $length = $bytes[$i + 2] * 256 + $bytes[$i + 3]
        if ($marker -in 0xC0, 0xC1, 0xC2) {
            $bytes[$i + 5] = [byte]($Height -shr 8); $bytes[$i + 6] = [byte]($Height -band 0xFF)
            $bytes[$i + 7] = [byte]($Width -shr 8); $bytes[$i + 8] = [byte]($Width -band 0xFF)
            [System.IO.File]::WriteAllBytes($Path, $bytes)
            return Get-Item $Path
        }
        $i += 2 + $length
    }
    throw "No frame header in $Source."
}

function Copy-Truncated {
    <# The first Fraction of a file's bytes. #>
    param([Parameter(Mandatory)] [string] $Source, [Parameter(Mandatory)] [string] $Path, [double] $Fraction = 0.5)
    $bytes = [System.IO.File]::ReadAllBytes($Source)
    [System.IO.File]::WriteAllBytes($Path, $bytes[0..([int]($bytes.Length * $Fraction) - 1)])
    Get-Item $Path
}

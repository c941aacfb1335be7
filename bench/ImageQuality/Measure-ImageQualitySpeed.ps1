<#
.SYNOPSIS
    Throughput of Measure-FoImageQuality on real photos beside the rate of decoding them alone.
.DESCRIPTION
    Two sets: the Debian wallpapers and scikit-image photos as they are (median about 4 MP, some 15 MP PNGs),
    and JPEG copies of them with the longer side at -TypicalSide pixels (the size of a typical dataset image),
    made at run time with Debian's python3-pil. For each set it prints, on one thread, the decode-only rate
    and the rate of decode + all seven checks (one decode per image), then the cmdlet's own rate with every
    core. The load average is printed too: on a shared machine these numbers are lower bounds.
.EXAMPLE
    dotnet tool run pwsh -NoProfile -File bench/ImageQuality/Measure-ImageQualitySpeed.ps1
#>
[CmdletBinding()]
param(
    [string[]] $PhotoDirectory = @('/usr/share/wallpapers', '/usr/share/backgrounds', '/usr/lib/python3/dist-packages/skimage/data'),
    [int] $MaxImages = 300,
    [int] $TypicalSide = 640
)
$ErrorActionPreference = 'Stop'
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }
if (-not (Get-Command Measure-FoImageQuality -ErrorAction Ignore)) {
    Import-Module (Join-Path $PSScriptRoot '..' '..' 'out' 'FiftyOneBrain' 'FiftyOneBrain.psd1')
}

function Measure-Set {
    param([string] $Name, [string[]] $Path)
    $pixels = 0L
    $decode = Measure-Command {
        foreach ($p in $Path) { $pixels += ([FiftyOneBrain.Imaging.Quality.QualityImageDecoder]::Decode($p, 0)).Pixels.LongLength }
    }
    $score = Measure-Command {
        foreach ($p in $Path) { $null = [FiftyOneBrain.Imaging.Quality.ImageQualityScores]::Measure([FiftyOneBrain.Imaging.Quality.QualityImageDecoder]::Decode($p, 0), $false) }
    }
    $samples = @($Path | New-FoSample)
    $cmdlet = Measure-Command { $null = $samples | Measure-FoImageQuality }
    [pscustomobject]@{
        Set                   = $Name
        Images                = $Path.Count
        MeanMegabytesDecoded  = [math]::Round($pixels / $Path.Count / 1e6, 2)
        DecodeOnlyPerSecond   = [math]::Round($Path.Count / $decode.TotalSeconds, 1)
        QualityPerSecond      = [math]::Round($Path.Count / $score.TotalSeconds, 1)
        CmdletPerSecond       = [math]::Round($Path.Count / $cmdlet.TotalSeconds, 1)
        CmdletThreads         = [Environment]::ProcessorCount
    }
}

$photos = @(Get-ChildItem -Path $PhotoDirectory -Recurse -File -Include *.jpg, *.jpeg, *.png -ErrorAction Ignore |
    Where-Object { [FiftyOneBrain.Imaging.ImageHeader]::TryRead($_.FullName) } | Select-Object -First $MaxImages -ExpandProperty FullName)
$work = Join-Path (Convert-Path -LiteralPath 'Temp:') "fob-bench-quality-$PID"
$null = New-Item -ItemType Directory -Path $work -Force
try {
    $script = @'
import sys
from PIL import Image
side, out = int(sys.argv[1]), sys.argv[2]
for i, path in enumerate(sys.stdin.read().splitlines()):
    im = Image.open(path).convert("RGB")
    im.thumbnail((side, side))
    im.save(f"{out}/{i:04d}.jpg", quality=90)
'@
    $photos | /usr/bin/python3 -c $script $TypicalSide $work
    $typical = @(Get-ChildItem -LiteralPath $work -Filter *.jpg | Select-Object -ExpandProperty FullName)
    Write-Information ("load average before: {0}" -f (Get-Content /proc/loadavg))
    $results = @(
        Measure-Set -Name 'photos as found' -Path $photos
        Measure-Set -Name "photos at $TypicalSide px (JPEG)" -Path $typical
    )
    $results | Format-Table -AutoSize | Out-String -Width 200 | Write-Information
    Write-Information ("load average after: {0} (on {1} cores)" -f (Get-Content /proc/loadavg), [Environment]::ProcessorCount)
    $results
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force
}

<#
.SYNOPSIS
    Times the gallery's embeddings map in headless Chromium: a redraw of every point, a box selection (the grid
    and the map updated) and a tag filter (the map dimmed), at 10,000 and 50,000 samples.
.DESCRIPTION
    Builds the staged module's page with Show-FoDataset from a few hundred small generated PNGs (each sample gets
    its own thumbnail) and ten clusters of points, one per label. Prints one row per size: page size, load time,
    median redraw, selection and filter times. Run it on a quiet machine for numbers to quote:
        dotnet tool run pwsh -NoProfile -File bench/Gallery/Measure-GalleryMap.ps1
    (other sizes: -Command "./bench/Gallery/Measure-GalleryMap.ps1 -Sizes 20000, 100000"; -File passes "a,b" as one string)
#>
[CmdletBinding()]
param(
    [int[]] $Sizes = @(10000, 50000),
    [int] $Redraws = 9
)
$ErrorActionPreference = 'Stop'
$tests = Join-Path $PSScriptRoot '..' '..' 'tests'
Import-Module (Join-Path $tests 'TestSupport.psm1') -Force
Import-Module (Get-StagedModulePath) -Force
. (Join-Path $tests 'GalleryBrowser.Support.ps1')
. (Join-Path $tests 'GalleryMap.Support.ps1')

$work = New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "fo-gallery-map-$(New-Guid)")
$browser = Start-HeadlessChromium -Width 1400 -Height 900
try {
    $images = New-MapTestImage -Directory (Join-Path $work 'img') -Count 500
    foreach ($n in $Sizes) {
        $page = Join-Path $work "map-$n.html"
        $build = Measure-Command { $file = Get-MapTestSample -Count $n -Image $images | Show-FoDataset -Path $page }
        $load = Measure-Command {
            Open-BrowserPage $browser $page
            Wait-BrowserCondition $browser 'return !!window.foGallery' -Timeout ([timespan]::FromSeconds(60))
        }
        $m = Measure-MapInteraction -Browser $browser -Redraws $Redraws
        [pscustomobject]@{
            Samples       = $n
            PageMB        = [math]::Round($file.Length / 1MB, 1)
            BuildSeconds  = [math]::Round($build.TotalSeconds, 1)
            LoadMs        = [math]::Round($load.TotalMilliseconds)
            RedrawMs      = [math]::Round($m.RedrawMs, 1)
            SelectMs      = [math]::Round($m.SelectMs, 1)
            Selected      = $m.Selected
            FilterMs      = [math]::Round($m.FilterMs, 1)
        }
    }
}
finally {
    Stop-HeadlessChromium $browser
    Remove-Item -Path $work -Recurse -Force -ErrorAction SilentlyContinue
}

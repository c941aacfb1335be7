<#
.SYNOPSIS
    Writes docs/images/gallery-map.png: a gallery of Fashion-MNIST test images with their embeddings map,
    one cluster selected with the mouse, as headless Chromium shows it.
.DESCRIPTION
    The map is umap-learn's UMAP of the images' pixels (Debian's umap-learn, run by bench/Gallery/fashion_mnist_map.py),
    so the picture needs no model. Run after a build:
        dotnet tool run pwsh -NoProfile -File bench/Gallery/Save-GalleryMapScreenshot.ps1
#>
[CmdletBinding()]
param(
    [int] $Count = 2000,
    [string] $OutFile = (Join-Path $PSScriptRoot '..' '..' 'docs' 'images' 'gallery-map.png'),
    [string] $Python = '/usr/bin/python3'
)
$ErrorActionPreference = 'Stop'
$tests = Join-Path $PSScriptRoot '..' '..' 'tests'
Import-Module (Join-Path $tests 'TestSupport.psm1') -Force
Import-Module (Get-StagedModulePath) -Force
. (Join-Path $tests 'GalleryBrowser.Support.ps1')

$fashion = '/usr/share/datasets/fashion-mnist'
$work = New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "fo-gallery-shot-$(New-Guid)")
try {
    $csv = Join-Path $work 'map.csv'
    & $Python (Join-Path $PSScriptRoot 'fashion_mnist_map.py') $fashion $Count $csv
    if ($LASTEXITCODE) { throw "fashion_mnist_map.py failed ($LASTEXITCODE)." }
    $points = Import-Csv $csv
    $samples = @(Import-FoDataset $fashion -Format FashionMNIST -Split test -MaxSamples $Count -Destination (Join-Path $work 'fmnist'))
    $classes = 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'
    for ($i = 0; $i -lt $samples.Count; $i++) {
        # The points follow the IDX file's order; the labels prove the samples do too.
        if ($samples[$i].ground_truth.Label -ne $classes[[int]$points[$i].label]) { throw "Sample $i is not the IDX file's image $i." }
        $samples[$i].SetField('visualization', [double[]]@([double]$points[$i].x, [double]$points[$i].y))
    }
    $page = Join-Path $work 'gallery.html'
    $null = $samples | Show-FoDataset -Path $page -Title 'Fashion-MNIST test, UMAP of the pixels'

    $browser = Start-HeadlessChromium -Width 1280 -Height 760
    try {
        Open-BrowserPage $browser $page
        Wait-BrowserCondition $browser 'return !!window.foGallery'
        # Select the trousers' cluster (its central 94% on each axis), as a person would drag a box around it.
        $extent = Invoke-BrowserScript $browser @'
const data = JSON.parse(document.getElementById('fo-data').textContent).samples;
const xs = [], ys = [];
for (const s of data) {
  if (s.labels.ground_truth.labels[0] !== 'Trouser') continue;
  const p = window.foGallery.mapToClient(s.id); xs.push(p.x); ys.push(p.y);
}
xs.sort((a, b) => a - b); ys.sort((a, b) => a - b);
const q = (a, f) => a[Math.floor(f * (a.length - 1))];
return [q(xs, 0.03) - 4, q(ys, 0.03) - 4, q(xs, 0.97) + 4, q(ys, 0.97) + 4];
'@
        Invoke-BrowserDrag $browser -From $extent[0], $extent[1] -To $extent[2], $extent[3]
        $shown = Get-BrowserText $browser '#shown-count'
        $shot = Save-BrowserScreenshot $browser (Join-Path $work 'shot.png')
    }
    finally { Stop-HeadlessChromium $browser }
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $OutFile)
    Copy-Item $shot $OutFile -Force
    $file = Get-Item $OutFile
    Write-Host ("{0}: {1:0} KB ({2} samples, {3})" -f $file.FullName, ($file.Length / 1KB), $samples.Count, $shown)
}
finally {
    Remove-Item -Path $work -Recurse -Force -ErrorAction SilentlyContinue
}

# Samples with ten clusters of map points and the timings of the map in a page, shared by the gallery's
# browser test at 10,000 samples and bench/Gallery/Measure-GalleryMap.ps1.

$mapLabels = 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'

function New-MapTestImage {
    # Distinct small PNGs to point the samples at; returns their paths.
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [string] $Directory, [int] $Count = 500)
    if (-not $PSCmdlet.ShouldProcess($Directory, "Write $Count test images")) { return }
    foreach ($i in 0..($Count - 1)) {
        $from = [byte](($i * 37) % 256), [byte](($i * 91) % 256), [byte](($i * 53) % 256)
        (New-TestPng (Join-Path $Directory ('{0:D3}.png' -f $i)) -Width 28 -Height 28 -From $from -To 240, 240, 240).FullName
    }
}

function Get-MapTestPoint {
    # Sample i's point: label i % 10 sits in a square of side 1.6 around a centre on a circle of radius 6, far from the others.
    param([int] $Index)
    $k = $Index % 10
    $angle = 2 * [math]::PI * $k / 10
    $dx = (($Index * 7919) % 1000) / 1000 * 1.6 - 0.8
    $dy = (($Index * 104729) % 997) / 997 * 1.6 - 0.8
    [double[]]@((6 * [math]::Cos($angle) + $dx), (6 * [math]::Sin($angle) + $dy))
}

function Get-MapTestSample {
    # Samples built from the module's types directly (tens of thousands of cmdlet calls would dominate the time).
    param([Parameter(Mandatory)] [int] $Count, [Parameter(Mandatory)] [string[]] $Image)
    foreach ($i in 0..($Count - 1)) {
        $s = [FiftyOneBrain.Samples.Sample]::new($Image[$i % $Image.Count], ('{0:D5}' -f $i))
        $s.Tags.Add(('train', 'test')[$i % 2])
        $s.SetField('ground_truth', [FiftyOneBrain.Samples.Classification]::new($mapLabels[$i % 10], $null, $null))
        $s.SetField('predictions', [FiftyOneBrain.Samples.Classification]::new($mapLabels[($i * 7) % 10], 0.5 + ($i % 50) / 100, $null))
        $s.SetField('mistakenness', (($i * 7919) % $Count) / $Count)
        $s.SetField('uniqueness', (($i * 104729) % $Count) / $Count)
        $s.SetField('visualization', [double[]](Get-MapTestPoint $i))
        $s
    }
}

function Measure-MapInteraction {
    <#
    .SYNOPSIS
        On an open gallery of Get-MapTestSample samples: the median time of a full map redraw, of a box selection
        around label 0's cluster (dragged with the mouse; grid and map updated) and of a tag filter (map dimmed).
        Leaves the page with no selection and no filter.
    #>
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [int] $Redraws = 9)
    $redraw = Invoke-BrowserScript $Browser "const t = []; for (let k = 0; k < $Redraws; k++) t.push(window.foGallery.redrawMap()); t.sort((a, b) => a - b); return t[t.length >> 1]"
    # The cluster's screen extent, from the points of its samples (ids ending in 0 belong to label 0).
    $box = Invoke-BrowserScript $Browser @'
let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
for (const id of window.foGallery.shownIds()) {
  if (+id % 10 !== 0) continue;
  const p = window.foGallery.mapToClient(id);
  l = Math.min(l, p.x); t = Math.min(t, p.y); r = Math.max(r, p.x); b = Math.max(b, p.y);
}
return [l - 6, t - 6, r + 6, b + 6];
'@
    Invoke-BrowserDrag $Browser -From $box[0], $box[1] -To $box[2], $box[3]
    $selectMs = Invoke-BrowserScript $Browser 'return window.foGallery.timings.selectMs'
    $selected = Invoke-BrowserScript $Browser 'return window.foGallery.shownIds()'
    Invoke-BrowserClick $Browser '#map-clear'
    $filterMs = Invoke-BrowserScript $Browser @'
const f = document.getElementById('tag-filter'); f.value = 'train';
const start = performance.now(); f.dispatchEvent(new Event('change')); const ms = performance.now() - start;
f.value = ''; f.dispatchEvent(new Event('change'));
return ms;
'@
    [pscustomobject]@{ RedrawMs = $redraw; SelectMs = $selectMs; Selected = $selected.Count; SelectedIds = $selected; FilterMs = $filterMs }
}

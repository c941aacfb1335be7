BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    . (Join-Path $PSScriptRoot 'GalleryBrowser.Support.ps1')
    . (Join-Path $PSScriptRoot 'GalleryMap.Support.ps1')

    # Pages written by Show-FoDataset are loaded in headless Chromium to check what a person would see.
    $browser = Start-HeadlessChromium

    function Get-ShownName { Find-BrowserElement $browser '#grid .card .name' -All | ForEach-Object { Get-BrowserText $browser -Id $_ } }

    function Get-ShownCount { Get-BrowserText $browser '#shown-count' }

    function Select-BrowserOption([string] $Select, [string] $Value) { Invoke-BrowserClick $browser "$Select option[value=`"$Value`"]" }

    function Open-Gallery([string] $Path, [timespan] $Timeout = [timespan]::FromSeconds(10)) {
        Open-BrowserPage $browser $Path
        Wait-BrowserCondition $browser 'return !!window.foGallery' -Timeout $Timeout
    }
}

AfterAll {
    Stop-HeadlessChromium $browser
}

Describe 'The gallery page in a browser' {
    Context 'a small gallery of photos' {
        BeforeAll {
            $photos = '/usr/lib/python3/dist-packages/skimage/data'
            if (-not (Test-Path $photos)) { throw "$photos is missing: apt-get install python3-skimage (./build.sh Test installs it)." }
            # One row per sample: photo, truth, prediction, its confidence, mistakenness, tags.
            $rows = @'
File,Truth,Predicted,Confidence,Mistakenness,Tags
astronaut.png,person,person,0.97,0.04,train
chelsea.png,cat,dog,0.81,0.91,train reviewed
coffee.png,cup,cup,0.88,0.12,val
camera.png,person,camera,0.55,0.78,train
rocket.jpg,rocket,rocket,0.93,0.07,val reviewed
motorcycle_left.png,motorcycle,bicycle,0.62,0.81,train
coins.png,coins,coins,0.71,0.29,val
horse.png,horse,dog,0.58,0.79,train reviewed
moon.png,moon,moon,0.66,0.34,val
hubble_deep_field.jpg,space,space,0.9,0.1,train
retina.jpg,eye,eye,0.77,0.23,val
missing.png,cat,cat,0.5,0.5,train reviewed
'@ | ConvertFrom-Csv | ForEach-Object {
                [pscustomobject]@{
                    File = $_.File; Truth = $_.Truth; Predicted = $_.Predicted; Confidence = [double]$_.Confidence
                    Mistakenness = [double]$_.Mistakenness; Tags = -split $_.Tags
                }
            }
            $descending = $rows | Sort-Object Mistakenness -Descending

            $samples = foreach ($r in $rows) {
                $fields = @{
                    ground_truth = New-FoClassification -Label $r.Truth
                    predictions  = New-FoClassification -Label $r.Predicted -Confidence $r.Confidence
                    mistakenness = $r.Mistakenness
                }
                if ($r.File -eq 'astronaut.png') {
                    $fields.objects = New-FoDetections @(
                        (New-FoDetection -Label person -BoundingBox 0.1, 0.06, 0.62, 0.9 -Confidence 0.98),
                        (New-FoDetection -Label flag -BoundingBox 0.01, 0.05, 0.2, 0.3 -Confidence 0.64))
                }
                New-FoSample -Filepath (Join-Path $photos $r.File) -Tags $r.Tags -Fields $fields
            }
            $page = Join-Path $TestDrive 'gallery.html'
            $written = $samples | Show-FoDataset -Path $page -Title 'Walkthrough gallery' -ErrorVariable errors -ErrorAction SilentlyContinue
        }

        BeforeEach {
            Open-Gallery $page
        }

        It 'writes the page, with one error for the missing photo' {
            $written.FullName | Should -Be $page
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ThumbnailFailed*'
        }

        It 'shows every sample as a card in input order, the unreadable one as a placeholder' {
            Get-ShownCount | Should -Be '12 of 12 samples'
            Get-ShownName | Should -Be $rows.File
            Find-BrowserElement $browser '#grid .card img' -All | Should -HaveCount 11
            ((Get-BrowserText $browser '.card[data-index="11"] .noimg') -split "`n")[-1].Trim() | Should -Be 'image unavailable'
            Find-BrowserElement $browser '.card[data-index="0"] svg rect' -All | Should -HaveCount 2 # the astronaut's boxes
            Find-BrowserElement $browser '#grid .card.mismatch' -All | Should -HaveCount (@($rows | Where-Object { $_.Truth -ne $_.Predicted }).Count)
        }

        It 'fetches nothing: every resource the page used is inline data or a local file' {
            $schemes = Invoke-BrowserScript $browser "return performance.getEntriesByType('resource').map(e => e.name.slice(0, 5))"
            $schemes | ForEach-Object { $_ | Should -BeIn 'data:', 'file:' -Because "the page fetched a $_ resource" }
        }

        It 'sorts by a score, ascending, then descending with the direction button' {
            Select-BrowserOption '#sort-field' mistakenness
            Get-ShownName | Should -Be ($rows | Sort-Object Mistakenness).File

            Invoke-BrowserClick $browser '#sort-dir'
            Get-BrowserText $browser '#sort-dir' | Should -Be "`u{2193} Desc"
            Get-ShownName | Should -Be $descending.File
        }

        Context 'sorted by mistakenness, highest first' {
            BeforeEach {
                Select-BrowserOption '#sort-field' mistakenness
                Invoke-BrowserClick $browser '#sort-dir'
            }

            It 'filters by tag and keeps the sort order' {
                Select-BrowserOption '#tag-filter' reviewed
                Get-ShownCount | Should -Be '4 of 12 samples'
                Get-ShownName | Should -Be ($descending | Where-Object Tags -Contains reviewed).File
            }

            It 'filters by a ground-truth label, by an object label in a detections field, and by truth versus prediction' {
                Select-BrowserOption '#label-value' person
                Get-ShownName | Should -Be ($descending | Where-Object Truth -EQ person).File
                Select-BrowserOption '#label-value' ''

                Select-BrowserOption '#label-field' objects # a detections field matches when any object has the label
                Select-BrowserOption '#label-value' flag
                Get-ShownName | Should -Be 'astronaut.png'
                Select-BrowserOption '#label-value' ''
                Select-BrowserOption '#label-field' ground_truth

                Invoke-BrowserClick $browser '#mismatch-only'
                Get-ShownName | Should -Be ($descending | Where-Object { $_.Truth -ne $_.Predicted }).File
                Invoke-BrowserClick $browser '#mismatch-only'
                Get-ShownCount | Should -Be '12 of 12 samples'
            }

            It 'keeps the cards at or above, then at most, the threshold a click on the slider sets' {
                Get-BrowserText $browser '#threshold-value' | Should -Be 'off'
                # A click in the slider's middle moves it there; only cards at or above the value stay.
                Invoke-BrowserClick $browser '#threshold'
                $shown = Get-BrowserText $browser '#threshold-value'
                $shown | Should -BeLike "`u{2265} *"
                $threshold = [double]::Parse($shown.Substring(2), [cultureinfo]::InvariantCulture)
                $threshold | Should -BeGreaterOrEqual 0.35
                $threshold | Should -BeLessOrEqual 0.65
                $kept = @($descending | Where-Object Mistakenness -GE $threshold)
                Get-ShownCount | Should -Be "$($kept.Count) of 12 samples"
                Get-ShownName | Should -Be $kept.File

                # Flipped to "at most", the slider starts open again; a click in the middle keeps the low values.
                Invoke-BrowserClick $browser '#threshold-mode'
                Get-ShownCount | Should -Be '12 of 12 samples'
                Invoke-BrowserClick $browser '#threshold'
                $atMost = [double]::Parse(((Get-BrowserText $browser '#threshold-value') -replace "`u{2264} ", ''), [cultureinfo]::InvariantCulture)
                Get-ShownName | Should -Be ($descending | Where-Object Mistakenness -LE $atMost).File
            }

            It 'opens a card''s details and closes them' {
                $firstShown = (Get-ShownName)[0]
                Invoke-BrowserClick $browser '#grid .card'
                Get-BrowserText $browser '#detail-name' | Should -Be $firstShown
                Invoke-BrowserClick $browser '#detail-close'
                Get-BrowserAttribute $browser '#detail' -Name hidden | Should -Be 'true'
            }

            It 'resets every filter, then shows the walkthrough view: most likely mistakes first' {
                Select-BrowserOption '#tag-filter' reviewed
                Invoke-BrowserClick $browser '#threshold-mode'
                Invoke-BrowserClick $browser '#threshold'
                Get-ShownCount | Should -Not -Be '12 of 12 samples'

                Invoke-BrowserClick $browser '#reset'
                Select-BrowserOption '#sort-field' mistakenness
                Invoke-BrowserClick $browser '#sort-dir'
                Get-ShownName | Should -Be $descending.File
                $shot = Save-BrowserScreenshot $browser (Join-Path ([System.IO.Path]::GetTempPath()) 'fo-gallery-small.png')
                $shot.Length | Should -BeGreaterThan 0
                Write-Host "screenshot: $shot"
            }
        }
    }

    Context 'the embeddings map and the curation fields' {
        BeforeAll {
            $photos = '/usr/lib/python3/dist-packages/skimage/data'
            $files = 'astronaut.png', 'chelsea.png', 'coffee.png', 'camera.png', 'rocket.jpg', 'coins.png', 'horse.png', 'moon.png'
            # Two clusters of twelve points on a unit grid, ten units apart; the last sample has no point.
            # Duplicates, a leak, image issues and a relabel as Find-FoDuplicate, Find-FoLeak,
            # Measure-FoImageQuality and a relabel step write them.
            $n = 24
            $ids = 0..($n - 1) | ForEach-Object { 'c{0:D2}' -f $_ }
            $cluster = 0..($n - 1) | ForEach-Object { $_ -lt 12 ? 'left' : 'right' }
            $issues = @{ 2 = 'dark', 'blurry'; 3 = , 'dark'; 7 = , 'grayscale' }
            $samples = foreach ($i in 0..($n - 1)) {
                $s = [FiftyOneBrain.Samples.Sample]::new((Join-Path $photos $files[$i % $files.Count]), $ids[$i])
                $s.Tags.Add(('train', 'val')[$i % 2])
                $s.SetField('ground_truth', [FiftyOneBrain.Samples.Classification]::new($cluster[$i], $null, $null))
                $s.SetField('uniqueness', $i / $n)
                $offset = $i -lt 12 ? 0 : 10
                if ($i -lt $n - 1) { $s.SetField('visualization', [double[]]@(($offset + $i % 4), ($offset + [math]::Floor(($i % 12) / 4)), 0.5)) }
                if ($i -in 13, 14) { $s.SetField('duplicate_of', $ids[1]); $s.SetField('duplicate_distance', 0.05); $s.Tags.Add('duplicate') }
                if ($i -eq 5) { $s.SetField('leak', $true); $s.SetField('leak_of', $ids[20]); $s.SetField('leak_distance', 0.125) }
                if ($issues.ContainsKey($i)) { $s.SetField('image_issues', [string[]]$issues[$i]) }
                if ($i -eq 4) {
                    $s.SetField('ground_truth_original', [FiftyOneBrain.Samples.Classification]::new('right', $null, $null))
                    $s.Tags.Add('relabeled')
                }
                $s
            }
            $page = Join-Path $TestDrive 'map.html'
            $null = $samples | Show-FoDataset -Path $page -Title 'Embeddings map'

            function Get-ShownId { Invoke-BrowserScript $browser 'return window.foGallery.shownIds()' }
            function Get-MapPoint([string] $Id) { Invoke-BrowserScript $browser "return window.foGallery.mapToClient('$Id')" }
            function Get-MapState([string[]] $Id) { $Id | ForEach-Object { Invoke-BrowserScript $browser "return window.foGallery.mapState('$_')" } }
            # The canvas pixel under a sample's point, as 'r,g,b'.
            function Get-MapPixel([string] $Id) {
                Invoke-BrowserScript $browser @"
const p = window.foGallery.mapToClient('$Id'), c = document.getElementById('map-canvas'), r = c.getBoundingClientRect(), k = devicePixelRatio;
return Array.from(c.getContext('2d').getImageData(Math.round((p.x - r.left) * k), Math.round((p.y - r.top) * k), 1, 1).data.slice(0, 3)).join(',');
"@
            }
            function Get-OptionText([string] $Select) { Find-BrowserElement $browser "$Select option" -All | ForEach-Object { Get-BrowserText $browser -Id $_ } }
        }

        BeforeEach {
            Open-Gallery $page
        }

        It 'draws a point per sample that has one, in a panel beside the grid' {
            Get-BrowserText $browser '#map-info' | Should -Be '23 points'
            $side = Invoke-BrowserScript $browser @'
const g = document.getElementById('grid').getBoundingClientRect(), m = document.getElementById('map-canvas').getBoundingClientRect();
return [g.right <= m.left, m.width > 200, m.height > 200];
'@
            $side | Should -Be $true, $true, $true
            Get-MapState $ids[0], $ids[22], $ids[23] | Should -Be 'shown', 'shown', 'none'
            # A label in the legend filters by it; a second click drops the filter.
            Invoke-BrowserClick $browser '#map-legend .pick[data-label="right"]'
            Get-ShownId | Should -Be $ids[12..23]
            Get-MapState $ids[0], $ids[12] | Should -Be 'dimmed', 'shown'
            Invoke-BrowserClick $browser '#map-legend .pick[data-label="right"]'
            Get-ShownCount | Should -Be '24 of 24 samples'
            # Coloured by the ground truth: the two clusters get different colours, neither the dimmed grey.
            $left, $right = (Get-MapPixel $ids[0]), (Get-MapPixel $ids[12])
            $left | Should -Not -Be $right
            $left, $right | Should -Not -BeIn '217,220,225', '255,255,255'
        }

        It 'keeps exactly the cards of the points a box dragged on the map holds, and clears the selection' {
            $points = $ids[12..22] | ForEach-Object { Get-MapPoint $_ }
            $from = (($points.x | Measure-Object -Minimum).Minimum - 8), (($points.y | Measure-Object -Minimum).Minimum - 8)
            $to = (($points.x | Measure-Object -Maximum).Maximum + 8), (($points.y | Measure-Object -Maximum).Maximum + 8)
            Invoke-BrowserDrag $browser -From $from -To $to
            Get-ShownCount | Should -Be '11 of 24 samples'
            Get-ShownId | Should -Be $ids[12..22]
            Get-BrowserText $browser '#map-info' | Should -Be '23 points, 11 selected'
            Get-MapState $ids[0], $ids[12] | Should -Be 'faded', 'shown'

            # The selection combines with the other filters.
            Select-BrowserOption '#tag-filter' val
            Get-ShownId | Should -Be ($ids[12..22] | Where-Object { [int]$_.Substring(1) % 2 -eq 1 })

            Invoke-BrowserClick $browser '#map-clear'
            Get-ShownCount | Should -Be '12 of 24 samples'
            Get-BrowserAttribute $browser '#map-clear' -Name hidden | Should -Be 'true'
        }

        It 'keeps the cards of the points a lasso drawn in lasso mode encloses' {
            Invoke-BrowserClick $browser '#map-tool'
            Get-BrowserText $browser '#map-tool' | Should -Be 'Lasso'
            # Screen position of a point (10 + u, 10 + v) of the right cluster, from its points at (10, 10), (11, 10), (10, 11).
            $origin, $right, $up = (Get-MapPoint $ids[12]), (Get-MapPoint $ids[13]), (Get-MapPoint $ids[16])
            $screen = { param($u, $v) @(($origin.x + $u * ($right.x - $origin.x)), ($origin.y - $v * ($origin.y - $up.y))) }
            # A triangle holding the grid points whose offsets sum to at most 2 (a box around them would hold more).
            $corners = @(-0.5, -0.5), @(3, -0.5), @(-0.5, 3), @(-0.5, -0.4)
            Invoke-BrowserPath $browser -Point ($corners | ForEach-Object { , (& $screen $_[0] $_[1]) })
            Get-ShownId | Should -Be $ids[12, 13, 14, 16, 17, 20]
        }

        It 'dims the points of the samples the grid''s filters hide' {
            Select-BrowserOption '#tag-filter' val
            $states = Get-MapState $ids[0..22]
            for ($i = 0; $i -lt 23; $i++) { $states[$i] | Should -Be ($i % 2 ? 'shown' : 'dimmed') -Because "sample $i is tagged $(('train', 'val')[$i % 2])" }
            Get-MapPixel $ids[0] | Should -Be '217,220,225'
            Get-MapPixel $ids[1] | Should -Not -Be '217,220,225'
            Get-BrowserText $browser '#map-info' | Should -Be '23 points, 12 dimmed by the filters'

            # A threshold dims too: uniqueness = i / 24 at least 0.5 keeps samples 12 and up.
            Select-BrowserOption '#tag-filter' ''
            $null = Invoke-BrowserScript $browser "const t = document.getElementById('threshold'); t.value = 0.5; t.dispatchEvent(new Event('input')); return 1"
            Get-MapState $ids[11], $ids[12] | Should -Be 'dimmed', 'shown'
        }

        It 'links a duplicate''s card to its kept sample: a click scrolls to that card and marks it' {
            Select-BrowserOption '#review-filter' duplicates
            Get-ShownId | Should -Be $ids[13], $ids[14]
            Get-BrowserText $browser '.card[data-id="c13"] .link.dup' | Should -Be "duplicate of $($files[1]) (0.05)"
            Invoke-BrowserClick $browser '.card[data-id="c13"] .link.dup'
            # The kept sample is no duplicate, so the filter made way for it.
            Get-ShownCount | Should -Be '24 of 24 samples'
            Invoke-BrowserScript $browser 'return document.activeElement.dataset.id' | Should -Be $ids[1]
            @(Find-BrowserElement $browser '.card.target' -All) | Should -HaveCount 1
            Get-BrowserAttribute $browser '.card.target' -Name data-id | Should -Be $ids[1]
            Get-BrowserText $browser '.card[data-id="c01"] .kept' | Should -Be "kept `u{00B7} 2 dup"
        }

        It 'counts duplicates, kept samples, leaks and relabels, and a leak links to the other split''s sample' {
            Get-OptionText '#review-filter' | Should -Be 'All samples', 'duplicates (2)', 'kept, with duplicates (1)', 'leaks (1)', 'relabeled (1)'
            Select-BrowserOption '#review-filter' kept
            Get-ShownId | Should -Be $ids[1]
            Select-BrowserOption '#review-filter' leaks
            Get-ShownId | Should -Be $ids[5]
            Invoke-BrowserClick $browser '.card[data-id="c05"] .link.leak'
            Invoke-BrowserScript $browser 'return document.activeElement.dataset.id' | Should -Be $ids[20]
        }

        It 'filters by image issue, with counts in cleanvision''s order' {
            Get-OptionText '#issue-filter' | Should -Be 'All images', 'any issue (3)', 'dark (2)', 'blurry (1)', 'grayscale (1)'
            Select-BrowserOption '#issue-filter' dark
            Get-ShownId | Should -Be $ids[2], $ids[3]
            (Get-BrowserText $browser '.card[data-id="c02"] .note') -split '\s+' | Should -Be 'dark', 'blurry'
            Select-BrowserOption '#issue-filter' '*'
            Get-ShownId | Should -Be $ids[2], $ids[3], $ids[7]
            Get-MapState $ids[2], $ids[4] | Should -Be 'shown', 'dimmed'
        }

        It 'shows a relabeled sample''s label before and after, and filters the relabeled samples' {
            Select-BrowserOption '#review-filter' relabeled
            Get-ShownId | Should -Be $ids[4]
            Get-BrowserText $browser '.card[data-id="c04"] .pill.relabel' | Should -Be "right `u{2192} left"
            Get-BrowserText $browser '.card[data-id="c04"] .pill.relabel s' | Should -Be 'right'
        }

        It 'colours the points by a score when asked, and shows a sample''s thumbnail on hover' {
            Select-BrowserOption '#map-color' uniqueness
            Get-MapPixel $ids[0] | Should -Not -Be (Get-MapPixel $ids[22])
            $p = Get-MapPoint $ids[6]
            $hover = @{ type = 'pointer'; id = 'mouse'; parameters = @{ pointerType = 'mouse' }
                actions = @(@{ type = 'pointerMove'; duration = 0; origin = 'viewport'; x = [int]$p.x; y = [int]$p.y }) }
            $null = Invoke-BrowserCommand -Browser $browser -Method Post -Path 'actions' -Body @{ actions = @($hover) }
            Wait-BrowserCondition $browser "return !document.getElementById('map-tip').hidden"
            Get-BrowserText $browser '#map-tip b' | Should -Be $files[6]
            Find-BrowserElement $browser '#map-tip img' -All | Should -HaveCount 1
        }
    }

    Context 'ten thousand samples' {
        BeforeAll {
            $n = 10000
            $distinct = 500
            $images = Join-Path $TestDrive 'img'
            $imagesTime = Measure-Command { $imagePaths = New-MapTestImage -Directory $images -Count $distinct }

            # Each sample gets its own thumbnail (images are shared, thumbnails are not cached) and a point on the map.
            $page = Join-Path $TestDrive 'big.html'
            $cmdletTime = Measure-Command {
                $written = Get-MapTestSample -Count $n -Image $imagePaths | Show-FoDataset -Path $page -ErrorVariable errors
            }
        }

        It 'writes the page without an error' {
            $errors | Should -BeNullOrEmpty
            $written | Should -HaveCount 1
            $written | Should -BeOfType [System.IO.FileInfo]
        }

        It 'renders fast, builds only the cards near the viewport, sorts all of them and scrolls to the last' {
            $loadTime = Measure-Command { Open-Gallery $page -Timeout ([timespan]::FromSeconds(20)) }
            $firstRenderMs = Invoke-BrowserScript $browser 'return window.foGallery.timings.firstRenderMs'

            Get-ShownCount | Should -Be '10,000 of 10,000 samples'
            $built = @(Find-BrowserElement $browser '#grid .card' -All).Count
            $built | Should -BeGreaterOrEqual 1
            $built | Should -BeLessOrEqual 400 # virtualised: only rows near the viewport exist

            # Sorting all 10,000 by a score: the top card is the highest score.
            Select-BrowserOption '#sort-field' mistakenness
            Invoke-BrowserClick $browser '#sort-dir'
            $sortMs = Invoke-BrowserScript $browser 'return window.foGallery.timings.lastUpdateMs'
            $top = 0..($n - 1) | Sort-Object { ($_ * 7919) % $n } -Descending | Select-Object -First 1
            Get-BrowserAttribute $browser '#grid .card' -Name data-id | Should -Be ('{0:D5}' -f $top)

            # Scrolled to the end, the last card is the lowest score (0, sample 0).
            $null = Invoke-BrowserScript $browser 'window.scrollTo(0, document.documentElement.scrollHeight)'
            Wait-BrowserCondition $browser "return document.querySelector('#grid .card:last-child').dataset.id === '00000'" -Timeout ([timespan]::FromSeconds(5))
            $scrolledBuilt = @(Find-BrowserElement $browser '#grid .card' -All).Count
            $scrolledBuilt | Should -BeGreaterOrEqual 1
            $scrolledBuilt | Should -BeLessOrEqual 400
            $shot = Save-BrowserScreenshot $browser (Join-Path ([System.IO.Path]::GetTempPath()) 'fo-gallery-10k.png')
            Write-Host "screenshot: $shot"

            $summary = '10,000 samples: {0} PNGs written in {1:0.0} s; samples + Show-FoDataset (10,000 thumbnails) {2:0.0} s; ' +
                'page {3:0.0} MB; browser load {4:0} ms; first render at {5:0} ms after navigation start; sort of 10,000 {6:0.0} ms; cards in the DOM {7}'
            Write-Host ($summary -f $distinct, $imagesTime.TotalSeconds, $cmdletTime.TotalSeconds, ($written.Length / 1MB),
                $loadTime.TotalMilliseconds, $firstRenderMs, $sortMs, $built)
            $firstRenderMs | Should -BeLessThan 10000 -Because "the first render took $firstRenderMs ms"
            $sortMs | Should -BeLessThan 1000 -Because "sorting 10,000 cards took $sortMs ms"
        }

        It 'draws 10,000 points, and a box around one cluster keeps exactly its cards, fast' {
            Open-Gallery $page -Timeout ([timespan]::FromSeconds(20))
            Get-BrowserText $browser '#map-info' | Should -Be '10,000 points'
            $m = Measure-MapInteraction -Browser $browser
            # Label 0's cluster is far from the others: the box holds its 1,000 samples and no other.
            $m.SelectedIds | Should -Be (0..($n - 1) | Where-Object { $_ % 10 -eq 0 } | ForEach-Object { '{0:D5}' -f $_ })
            Get-ShownCount | Should -Be '10,000 of 10,000 samples'
            Write-Host ('10,000 points: map redraw {0:0.0} ms (median), box selection with grid and map update {1:0.0} ms, tag filter with map dimmed {2:0.0} ms' -f
                $m.RedrawMs, $m.SelectMs, $m.FilterMs)
            $m.RedrawMs | Should -BeLessThan 250 -Because "a redraw of 10,000 points took $($m.RedrawMs) ms"
            $m.SelectMs | Should -BeLessThan 1000 -Because "a selection took $($m.SelectMs) ms"
        }
    }
}

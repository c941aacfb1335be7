BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    . (Join-Path $PSScriptRoot 'GalleryBrowser.Support.ps1')

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

    Context 'ten thousand samples' {
        BeforeAll {
            $n = 10000
            $distinct = 500
            $images = Join-Path $TestDrive 'img'
            $imagesTime = Measure-Command {
                foreach ($i in 0..($distinct - 1)) {
                    $from = [byte](($i * 37) % 256), [byte](($i * 91) % 256), [byte](($i * 53) % 256)
                    $null = New-TestPng (Join-Path $images ('{0:D3}.png' -f $i)) -Width 28 -Height 28 -From $from -To 240, 240, 240
                }
            }

            # Samples are built from the module's types directly: 30,000 cmdlet calls would take most of the test's time.
            # Each sample still gets its own thumbnail (images are shared, thumbnails are not cached).
            $page = Join-Path $TestDrive 'big.html'
            $cmdletTime = Measure-Command {
                $labels = 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'
                $samples = foreach ($i in 0..($n - 1)) {
                    $s = [FiftyOneBrain.Samples.Sample]::new(('{0}/{1:D3}.png' -f $images, ($i % $distinct)), ('{0:D5}' -f $i))
                    $s.Tags.Add(('train', 'test')[$i % 2])
                    $s.SetField('ground_truth', [FiftyOneBrain.Samples.Classification]::new($labels[$i % 10], $null, $null))
                    $s.SetField('predictions', [FiftyOneBrain.Samples.Classification]::new($labels[($i * 7) % 10], 0.5 + ($i % 50) / 100, $null))
                    $s.SetField('mistakenness', (($i * 7919) % $n) / $n)
                    $s.SetField('uniqueness', (($i * 104729) % $n) / $n)
                    $s
                }
                $written = $samples | Show-FoDataset -Path $page -ErrorVariable errors
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
    }
}

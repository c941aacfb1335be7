# The default views (FiftyOneBrain.format.ps1xml) as a user sees them at 120 and 80 columns.
# Each view is compared with its snapshot in tests/snapshots/<view>.<width>.txt (ids replaced by <id>, line
# ends trimmed). After a deliberate change to a view, regenerate the snapshots and review their diff:
#   FOB_UPDATE_SNAPSHOTS=1 dotnet tool run pwsh -NoProfile -File tests/Invoke-ModuleTests.ps1 -Path tests/Views.Tests.ps1

BeforeDiscovery {
    $views = 'sample-table', 'sample-list', 'classification', 'detection', 'detections', 'model', 'gate', 'ranking'
    $cases = foreach ($view in $views) { foreach ($width in 120, 80) { @{ View = $view; Width = $width } } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    $PSStyle.OutputRendering = 'PlainText'
    $snapshots = Join-Path $PSScriptRoot 'snapshots'

    # Fields are set one by one so their order (and so the views) is the same on every run.
    $scored = New-FoSample /data/fashion/test/data/000123.png -Tags test, mistake
    $scored.ground_truth = New-FoClassification 'T-shirt/top'
    $scored.predictions = New-FoClassification Shirt -Confidence 0.8123 -Logits 1, 2, 3
    $scored.mistakenness = 0.90617
    $scored.hardness = 0.02713
    $scored.uniqueness = 0.4567
    $custom = New-FoSample /data/fashion/test/data/000124.png -Tags test
    $custom.truth = New-FoClassification Sneaker
    $custom.model = New-FoClassification Bag -Confidence 0.99
    $custom.uniqueness = 1.0
    $boxes = New-FoSample ./street.jpg
    $boxes.ground_truth = New-FoDetections @(
        (New-FoDetection -Label car -BoundingBox 0.1, 0.1, 0.4, 0.3),
        (New-FoDetection -Label person -BoundingBox 0.6, 0.2, 0.2, 0.7))
    $detection = New-FoDetection -Label car -BoundingBox 0, 0, 0.5, 0.5 -Confidence 0.97
    $detection.mistakenness_loc = 0.31
    $classification = New-FoClassification cat -Confidence 0.81 -Logits 2, 0.3, -1.1
    $classification.mistakenness = 0.12

    # A model description as New-FoModel returns it (made here so the snapshot does not follow the shipped model).
    $model = [FiftyOneBrain.Models.ModelDescription]@{
        Path = '/home/user/fmnist.fomodel'; Architecture = 'SimpleResNet'; Width = 0.25
        Classes = [string[]]('T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot')
        EmbeddingDimension = 128; Parameters = 412944; MultiplyAdds = 24036608; Epochs = 3; Seed = 1
        TrainingSamples = 4500; ValidationSamples = 500; TrainingLoss = 0.41234; TrainingAccuracy = 0.8512
        ValidationAccuracy = 0.834; TrainingTime = [timespan]::FromSeconds(95.4)
    }

    $objects = @{
        'sample-table'   = { $scored, $custom, $boxes }
        'sample-list'    = { $scored | Format-List }
        'classification' = { $classification }
        'detection'      = { $detection }
        'detections'     = { $boxes.ground_truth }
        'model'          = { $model }
        'gate'           = { $scored, $custom | Test-FoDataset -MaxMistakenness 0.9 -MinUniqueness 0.05 -WarningAction SilentlyContinue }
        'ranking'        = { $scored, $custom | Measure-FoRanking -ScoreField mistakenness, uniqueness -WarningAction SilentlyContinue }
    }

    function Get-ViewText {
        param([string] $View, [int] $Width)
        $text = & $objects[$View] | Out-String -Width $Width
        $lines = ($text -replace '\b[0-9a-f]{24}\b', '<id>') -split '\r?\n' | ForEach-Object TrimEnd
        ($lines -join "`n").Trim("`n") + "`n"
    }
}

Describe 'Default views' {
    Context 'Snapshots' {
        It '<View> at <Width> columns matches its snapshot' -ForEach $cases {
            $file = Join-Path $snapshots "$View.$Width.txt"
            $actual = Get-ViewText $View $Width
            if ($env:FOB_UPDATE_SNAPSHOTS) {
                $null = New-Item -ItemType Directory -Path $snapshots -Force
                Set-Content -Path $file -Value $actual -NoNewline
            }
            Test-Path $file | Should -BeTrue -Because 'every view has a snapshot (see the header of this file)'
            $actual | Should -BeExactly ((Get-Content $file -Raw) -replace '\r\n', "`n")
            @($actual -split "`n" | Where-Object { $_.Length -gt $Width }) | Should -BeNullOrEmpty
        }
    }

    Context 'Samples' {
        It 'shows every score of a sample whole at <_> columns' -ForEach 120, 80 {
            $text = $scored | Out-String -Width $_
            foreach ($score in 'mistakenness=0.906', 'hardness=0.027', 'uniqueness=0.457') { $text | Should -Match ([regex]::Escape($score)) }
            $text | Should -Not -Match '…'
        }

        It 'shows labels from fields with other names than ground_truth and predictions' {
            $row = ($custom | Out-String -Width 120) -split '\r?\n' | Where-Object { $_ -match '^000124\.png' }
            $row | Should -Match '^000124\.png\s+Sneaker\s+Bag \(0\.99\)\s+uniqueness=1\s+test$'
        }

        It 'counts the objects of a detections field by label' {
            $text = $boxes | Out-String -Width 120
            $text | Should -Match 'street\.jpg\s+1 car'
            $text | Should -Match '(?m)^\s+1 person'
        }
    }

    Context 'Labels' {
        It 'shows a detections label once, without its Items twin' {
            $text = $boxes.ground_truth | Out-String -Width 120
            $text | Should -Not -Match '\bItems\b'
            $text | Should -Not -Match '\bDetections\b'
            $text | Should -Match '\s+2 1 car, 1 person'
        }

        It 'shows label attributes such as per-object mistakenness' {
            $detection | Out-String -Width 80 | Should -Match 'mistakenness_loc=0\.31'
        }
    }

    Context 'Files written by the module' {
        BeforeAll {
            Push-Location $TestDrive
            $photos = '/usr/lib/python3/dist-packages/skimage/data'
            $samples = 'chelsea.png', 'coffee.png' | ForEach-Object { New-FoSample (Join-Path $photos $_) }
        }
        AfterAll { Pop-Location }

        It 'fills every column of the FileInfo that Show-FoDataset writes' {
            $page = $samples | Show-FoDataset -Path (Join-Path $TestDrive 'page.html')
            $page.PSPath | Should -Not -BeNullOrEmpty
            $row = ($page | Out-String -Width 120) -split '\r?\n' | Where-Object { $_ -match 'page\.html$' }
            $row | Should -Match '^-[rwx-]{9}\s+\S+\s+\S+\s+\S+ \S+\s+\d+ page\.html$'
        }

        It 'fills the columns of the directory that Export-FoDataset writes' {
            $folder = $samples | Export-FoDataset (Join-Path $TestDrive 'export') -Format FiftyOneDataset
            $row = ($folder | Out-String -Width 120) -split '\r?\n' | Where-Object { $_ -match 'export$' }
            $row | Should -Match '^d[rwx-]{9}\s+\S+\s+\S+\s+\S+ \S+\s+(\d+\s+)?export$'
        }
    }
}

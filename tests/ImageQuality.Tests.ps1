BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force

    # Real colour photos: scikit-image's and a few Debian wallpapers, one size each.
    $skimage = '/usr/lib/python3/dist-packages/skimage/data'
    $photos = @(
        'astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg', 'motorcycle_left.png', 'hubble_deep_field.jpg', 'retina.jpg', 'color.png' |
            ForEach-Object { Join-Path $skimage $_ }
        Get-ChildItem /usr/share/wallpapers, /usr/share/backgrounds -Recurse -File -Include 1920x1080.jpg, 1920x1080.png -ErrorAction Ignore |
            Select-Object -First 8 -ExpandProperty FullName
    ) | Where-Object { Test-Path -LiteralPath $_ }
    $variantDir = Join-Path $TestDrive 'variants'
    $null = New-Item -ItemType Directory $variantDir
    $photos | /usr/bin/python3 (Join-Path $PSScriptRoot 'ImageQuality.Support.py') $variantDir
    if ($LASTEXITCODE) { throw 'python3-pil could not build the variants' }
    $script:scored = @(Get-ChildItem $variantDir -Filter *.png | Sort-Object Name | New-FoSample | Measure-FoImageQuality)
    $script:kindOf = { param($s) ([IO.Path]::GetFileNameWithoutExtension($s.Filepath) -split '-', 2)[1] }
}

Describe 'Measure-FoImageQuality' {
    It 'scores every check into its field, in [0, 1], with image_issues and a tag per issue' {
        $scored.Count | Should -Be (8 * $photos.Count)
        foreach ($s in $scored) {
            foreach ($check in 'dark', 'light', 'odd_aspect_ratio', 'low_information', 'blurry', 'grayscale', 'odd_size') {
                $s."${check}_score" | Should -BeGreaterOrEqual 0
                $s."${check}_score" | Should -BeLessOrEqual 1
            }
            foreach ($issue in $s.image_issues) { $s.Tags | Should -Contain $issue }
        }
    }

    It 'flags every <_> variant for <_>' -ForEach 'dark', 'light', 'grayscale', 'odd_aspect_ratio', 'low_information', 'odd_size' {
        $kind = $_
        $variants = @($scored | Where-Object { (& $kindOf $_) -eq $kind })
        $variants.Count | Should -Be $photos.Count
        $missed = @($variants | Where-Object image_issues -NotContains $kind | ForEach-Object Filepath)
        $missed | Should -BeNullOrEmpty
    }

    It 'scores blurred variants lower than their originals and flags most of them' {
        $pairs = foreach ($s in $scored | Where-Object { (& $kindOf $_) -eq 'blurry' }) {
            $original = $scored | Where-Object Filepath -EQ ($s.Filepath -replace '-blurry\.png$', '-original.png')
            [pscustomobject]@{ Blurred = $s.blurry_score; Original = $original.blurry_score; Flagged = $s.image_issues -contains 'blurry' }
        }
        Write-Host ('blurred copies flagged blurry: {0} of {1}' -f @($pairs | Where-Object Flagged).Count, $photos.Count)
        @($pairs | Where-Object { $_.Blurred -lt $_.Original }).Count | Should -Be $photos.Count
        @($pairs | Where-Object Flagged).Count | Should -BeGreaterThan ($photos.Count / 2)
    }

    It 'leaves originals free of dark, light, grayscale, odd_aspect_ratio and low_information' {
        $originals = @($scored | Where-Object { (& $kindOf $_) -eq 'original' })
        $wrong = @($originals | Where-Object { $_.image_issues | Where-Object { $_ -in 'dark', 'light', 'grayscale', 'odd_aspect_ratio', 'low_information' } })
        $wrong.Count | Should -BeLessOrEqual 1   # hubble_deep_field is mostly black sky: dark is fair
    }

    It 'measures blurry false positives on the full-size photos (cleanvision#120)' {
        $full = @($photos | New-FoSample | Measure-FoImageQuality)
        $flagged = @($full | Where-Object image_issues -Contains 'blurry')
        $rate = $flagged.Count / $full.Count
        Write-Host ('blurry false positives on {0} sharp photos: {1} ({2:P0}): {3}' -f $full.Count, $flagged.Count, $rate, (($flagged | ForEach-Object { '{0} ({1:N3})' -f $_.Filepath, $_.blurry_score }) -join ', '))
        $full.Count | Should -Be $photos.Count
        $rate | Should -BeLessOrEqual 0.5
    }

    It 'applies -Threshold overrides' {
        $one = @($scored | Where-Object { (& $kindOf $_) -eq 'original' -and $_.dark_score -lt 0.99 -and $_.image_issues.Count -eq 0 })[0]
        $again = New-FoSample $one.Filepath | Measure-FoImageQuality -Threshold @{ DARK = $one.dark_score + 0.001; blurry = 0 }
        $again.dark_score | Should -Be $one.dark_score
        $again.image_issues | Should -Be 'dark'
        $again.Tags | Should -Be 'dark'
    }

    It 'stops on an unknown check or a threshold outside [0, 1]' -ForEach @(@{ T = @{ darkness = 0.3 } }, @{ T = @{ dark = 2 } }, @{ T = @{ dark = 'x' } }) {
        { New-FoSample /nowhere.png | Measure-FoImageQuality -Threshold $T } | Should -Throw -ErrorId 'InvalidThreshold,*'
    }

    It 'reports an unreadable image per sample and scores the rest' {
        $bad = Join-Path $TestDrive 'bad.png'
        Set-Content -LiteralPath $bad -Value 'not an image'
        $good = @($scored)[0].Filepath
        $out = @($good, $bad, (Join-Path $TestDrive 'missing.png') | New-FoSample | Measure-FoImageQuality -ErrorVariable errors -ErrorAction SilentlyContinue)
        $out.Filepath | Should -Be $good
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ImageUnreadable,*' }
        $errors[0].TargetObject.Filepath | Should -Be $bad
    }

    It 'flags an RGB file with equal channels as grayscale only with -EqualChannelsAreGrayscale' {
        $rgbGrey = Join-Path $TestDrive 'rgb-grey.png'
        "import sys; from PIL import Image; Image.open(sys.argv[1]).convert('L').convert('RGB').save(sys.argv[2])" |
            ForEach-Object { /usr/bin/python3 -c $_ $photos[0] $rgbGrey }
        (New-FoSample $rgbGrey | Measure-FoImageQuality).grayscale_score | Should -Be 1
        (New-FoSample $rgbGrey | Measure-FoImageQuality -EqualChannelsAreGrayscale).image_issues | Should -Contain 'grayscale'
    }

    It 'writes the issues to -IssuesField' {
        $s = @($scored | Where-Object { (& $kindOf $_) -eq 'dark' })[0]
        (New-FoSample $s.Filepath | Measure-FoImageQuality -IssuesField problems).problems | Should -Contain 'dark'
    }
}

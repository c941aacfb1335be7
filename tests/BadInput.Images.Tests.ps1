# A corpus of damaged, huge and unusual image files through every decode path: the model cmdlets and the
# gallery's thumbnails. Each bad file gives exactly one non-terminating error naming it; every good file still
# comes out. All files go through each cmdlet once (BeforeAll); the cases then check the recorded errors.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    . (Join-Path $PSScriptRoot 'ImageFiles.Support.ps1')

    $dir = Join-Path $TestDrive 'corpus'
    $null = New-Item -ItemType Directory -Path $dir
    $photo = Join-Path $SkimageData 'rocket.jpg'
    $null = Write-HugePng (Join-Path $dir 'huge.png')
    $null = Write-HugePng (Join-Path $dir 'huge-header-only.png') -Rows 0
    $null = Copy-JpegClaiming (Join-Path $dir 'claims-60000.jpg')
    $null = New-Item -ItemType File -Path (Join-Path $dir 'zero-byte.png')
    Set-Content -Path (Join-Path $dir 'text-as.png') -Value 'hello, this is not a PNG'
    Set-Content -Path (Join-Path $dir 'html-as.jpg') -Value '<html><body>404 Not Found</body></html>'
    $whole = Write-RawPng (Join-Path $TestDrive 'whole.png') -Width 64 -Height 64
    $null = Copy-Truncated $whole.FullName (Join-Path $dir 'truncated.png') -Fraction 0.6
    $null = Copy-Truncated $photo (Join-Path $dir 'truncated.jpg') -Fraction 0.5
    $null = Write-RawPng (Join-Path $dir 'bad-crc.png') -BreakCrc
    Copy-Item (Join-Path $SkimageData 'chessboard_GRAY_U16.tif') (Join-Path $dir 'tiff-as.png')
    [System.IO.File]::WriteAllBytes((Join-Path $dir 'signature-only.png'), [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))
    $null = Write-RawPng (Join-Path $dir 'rgb-16bit.png') -BitDepth 16
    $null = Write-RawPng (Join-Path $dir 'grey.png') -ColorType 0
    $null = Write-RawPng (Join-Path $dir 'grey-alpha.png') -ColorType 4
    $null = Write-RawPng (Join-Path $dir 'rgba.png') -ColorType 6
    $null = Write-RawPng (Join-Path $dir 'palette.png') -ColorType 3
    Copy-Item $photo (Join-Path $dir 'photo.jpg')

    $paths = @(Get-ChildItem $dir | Sort-Object Name | ForEach-Object FullName) + (Join-Path $dir 'missing.png')
    $samples = @($paths | ForEach-Object { New-FoSample $_ })

    # One run per decode path: its output samples' files and its errors.
    $runs = @{}
    $runs['Invoke-FoModel'] = @{ Out = @($samples | Invoke-FoModel -PredictionField p -ErrorVariable e -ErrorAction SilentlyContinue); Errors = @($e) }
    $runs['Get-FoEmbedding'] = @{ Out = @($samples | Get-FoEmbedding -ErrorVariable e -ErrorAction SilentlyContinue); Errors = @($e) }
    $runs['Measure-FoUniqueness'] = @{ Out = @($samples | Measure-FoUniqueness -Model default -ErrorVariable e -ErrorAction SilentlyContinue); Errors = @($e) }
    $gallery = Join-Path $TestDrive 'gallery.html'
    $runs['Show-FoDataset'] = @{ Out = @($samples | Show-FoDataset -Path $gallery -PassThru -ErrorVariable e -ErrorAction SilentlyContinue); Errors = @($e) }

    function Get-ErrorFor([string] $Cmdlet, [string] $Name) {
        @($runs[$Cmdlet].Errors | Where-Object { (Split-Path $_.TargetObject.Filepath -Leaf) -eq $Name })
    }
}

Describe 'Bad image files through every decode path' {
    # Bad files: the model cmdlets say ImageUnreadable, the gallery ThumbnailFailed; the category says why.
    Context '<Name> in <Cmdlet>' -ForEach @(
        foreach ($cmdlet in 'Invoke-FoModel', 'Get-FoEmbedding', 'Measure-FoUniqueness', 'Show-FoDataset') {
            $id = $cmdlet -eq 'Show-FoDataset' ? 'ThumbnailFailed' : 'ImageUnreadable'
            @{ Cmdlet = $cmdlet; Name = 'huge.png'; ErrorId = $id; Category = 'LimitsExceeded'; Says = '30000x30000' }
            @{ Cmdlet = $cmdlet; Name = 'huge-header-only.png'; ErrorId = $id; Category = 'LimitsExceeded'; Says = '30000x30000' }
            @{ Cmdlet = $cmdlet; Name = 'claims-60000.jpg'; ErrorId = $id; Category = 'LimitsExceeded'; Says = '60000x60000' }
            @{ Cmdlet = $cmdlet; Name = 'zero-byte.png'; ErrorId = $id; Category = 'InvalidData'; Says = '' }
            @{ Cmdlet = $cmdlet; Name = 'text-as.png'; ErrorId = $id; Category = 'InvalidData'; Says = '' }
            @{ Cmdlet = $cmdlet; Name = 'html-as.jpg'; ErrorId = $id; Category = 'InvalidData'; Says = '' }
            @{ Cmdlet = $cmdlet; Name = 'bad-crc.png'; ErrorId = $id; Category = 'InvalidData'; Says = '' }
            @{ Cmdlet = $cmdlet; Name = 'tiff-as.png'; ErrorId = $id; Category = 'InvalidData'; Says = '' }
            @{ Cmdlet = $cmdlet; Name = 'signature-only.png'; ErrorId = $id; Category = 'InvalidData'; Says = '' }
            @{ Cmdlet = $cmdlet; Name = 'missing.png'; ErrorId = $id; Category = 'ObjectNotFound'; Says = '' }
        }
    ) {
        It 'gives one <ErrorId> error (<Category>) naming the file' {
            $errors = Get-ErrorFor $Cmdlet $Name
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $errors[0].CategoryInfo.Category | Should -Be $Category
            $path = Join-Path $dir $Name
            $errors[0].TargetObject.Filepath | Should -Be $path
            $errors[0].Exception.Message | Should -BeLike "*$path*"
            $errors[0].Exception.Message | Should -BeLike "*$Says*"
        }
    }

    # A truncated file still shows as far as it goes in the gallery (as image viewers do); a model refuses it.
    It '<Name> is refused by <Cmdlet> and shown partly in the gallery' -ForEach @(
        foreach ($cmdlet in 'Invoke-FoModel', 'Get-FoEmbedding', 'Measure-FoUniqueness') {
            foreach ($name in 'truncated.png', 'truncated.jpg') { @{ Cmdlet = $cmdlet; Name = $name } }
        }
    ) {
        $errors = Get-ErrorFor $Cmdlet $Name
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageUnreadable,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Message | Should -BeLike "*IncompleteInput*$(Join-Path $dir $Name)"
        Get-ErrorFor 'Show-FoDataset' $Name | Should -BeNullOrEmpty
    }

    It '<_> passes on every good file, in input order, and nothing else' -ForEach 'Invoke-FoModel', 'Get-FoEmbedding', 'Measure-FoUniqueness' {
        $good = 'grey-alpha.png', 'grey.png', 'palette.png', 'photo.jpg', 'rgb-16bit.png', 'rgba.png'
        @($runs[$_].Out | ForEach-Object { Split-Path $_.Filepath -Leaf }) | Should -Be $good
        $runs[$_].Errors.Count | Should -Be ($paths.Count - $good.Count)
    }

    It 'the gallery shows every sample and writes the page' {
        $runs['Show-FoDataset'].Out.Count | Should -Be $paths.Count
        Test-Path (Join-Path $TestDrive 'gallery.html') | Should -BeTrue
        $runs['Show-FoDataset'].Errors.Count | Should -Be 10
    }
}

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    $ErrorActionPreference = 'Stop'

    # Five real photos; astronaut.png (512x512) carries one object, and crop.png is exactly that object's square patch.
    $skimage = '/usr/lib/python3/dist-packages/skimage/data'
    $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'objects') -Force
    'astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg', 'motorcycle_left.png' | ForEach-Object { Copy-Item (Join-Path $skimage $_) $folder }
    # Box 128x64 at (192,128): squared around its centre (256,160) it is 128x128 from (192,96).
    & /usr/bin/python3 -c "from PIL import Image; Image.open('$skimage/astronaut.png').convert('RGB').crop((192, 96, 320, 224)).save('$folder/crop.png')"
    if ($LASTEXITCODE -ne 0) { throw 'Cropping with PIL failed' }

    function New-ObjectSample {
        Get-ChildItem $folder -File | Sort-Object Name | ForEach-Object {
            $fields = if ($_.Name -eq 'astronaut.png') { @{ objects = New-FoDetections @(New-FoDetection -Label face -BoundingBox 0.375, 0.25, 0.25, 0.125) } } else { @{} }
            New-FoSample $_.FullName -Fields $fields
        }
    }
}

Describe 'Measure-FoUniqueness -RoiField' {
    It 'embeds an object''s square patch: the sample is then a duplicate of the photo of that patch' {
        $whole = New-ObjectSample | Measure-FoUniqueness
        $objects = New-ObjectSample | Measure-FoUniqueness -RoiField objects -Verbose 4>&1
        $verbose = ($objects | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join ' '
        $objects = $objects | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        $byName = @{}; $objects | ForEach-Object { $byName[(Split-Path $_.Filepath -Leaf)] = $_.uniqueness }
        $before = @{}; $whole | ForEach-Object { $before[(Split-Path $_.Filepath -Leaf)] = $_.uniqueness }
        Write-Host ("astronaut.png uniqueness: whole image {0:N3}, by its object {1:N3}; crop.png {2:N3} -> {3:N3}" -f $before['astronaut.png'], $byName['astronaut.png'], $before['crop.png'], $byName['crop.png'])
        # The patch and crop.png are the same pixels, so they are each other's nearest at distance 0 (up to PNG round trips: none).
        $lowest = $objects | Sort-Object uniqueness | Select-Object -First 2 | ForEach-Object { Split-Path $_.Filepath -Leaf }
        $lowest | Sort-Object | Should -Be 'astronaut.png', 'crop.png'
        $byName['astronaut.png'] | Should -BeLessThan $before['astronaut.png']
        $verbose | Should -BeLike '*1 object patch(es) embedded; 5 sample(s) without objects embedded whole*'
    }

    It 'averages the patches of a sample with several objects' {
        # Two copies of one box give the same mean as one: the scores do not change.
        $one = New-ObjectSample | Measure-FoUniqueness -RoiField objects
        $two = New-ObjectSample | ForEach-Object {
            if ($_.objects) { $_.objects.Detections.Add((New-FoDetection -Label face -BoundingBox 0.375, 0.25, 0.25, 0.125)) }
            $_
        } | Measure-FoUniqueness -RoiField objects

        for ($i = 0; $i -lt $one.Count; $i++) { [Math]::Abs($one[$i].uniqueness - $two[$i].uniqueness) | Should -BeLessThan 1e-6 }
    }

    It 'reports a sample whose boxes all lie outside its image and scores the rest' {
        $samples = New-ObjectSample
        $samples[0].objects.Detections[0].BoundingBox = [double[]]@(1.5, 0.2, 0.1, 0.1)
        $out = $samples | Measure-FoUniqueness -RoiField objects -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageUnreadable,*'
        $out | Should -HaveCount 5
    }

    It 'stops with FieldNotFound when no sample has the field' {
        { New-ObjectSample | Measure-FoUniqueness -RoiField nothing } |
            Should -Throw -ErrorId 'FieldNotFound,FiftyOneBrain.PowerShell.Commands.MeasureFoUniquenessCommand'
    }
}

Describe 'Measure-FoUniqueness -K and -Weights' {
    BeforeAll {
        function New-LineSample { 0, 1, 3, 7, 15 | ForEach-Object { New-FoSample "/img/p$_.png" -Fields @{ e = [double[]]@($_) } } }
    }

    It 'uses the weights over the K nearest' {
        $u = (New-LineSample | Measure-FoUniqueness -EmbeddingField e -Metric Euclidean -K 2 -Weights 0.5, 0.5).uniqueness

        $u | ForEach-Object { [Math]::Round($_, 9) } | Should -Be 0.2, 0.15, 0.25, 0.5, 1
    }

    It 'keeps FiftyOne''s scores by default' {
        $default = (New-LineSample | Measure-FoUniqueness -EmbeddingField e -Metric Euclidean).uniqueness
        $explicit = (New-LineSample | Measure-FoUniqueness -EmbeddingField e -Metric Euclidean -K 3 -Weights 0.6, 0.3, 0.1).uniqueness

        $explicit | Should -Be $default
        [Math]::Round($default[0], 9) | Should -Be ([Math]::Round(2.2 / 9.8, 9))
    }

    It 'stops with <ErrorId> for <Case>' -ForEach @(
        @{ Case = 'weights that do not match -K'; Arguments = @{ K = 2; Weights = 0.6, 0.3, 0.1 }; ErrorId = 'UniquenessWeightsMismatch' }
        @{ Case = 'a negative weight'; Arguments = @{ Weights = 0.6, -0.3 }; ErrorId = 'UniquenessWeightsInvalid' }
    ) {
        { New-LineSample | Measure-FoUniqueness -EmbeddingField e @Arguments } |
            Should -Throw -ErrorId "$ErrorId,FiftyOneBrain.PowerShell.Commands.MeasureFoUniquenessCommand"
    }
}

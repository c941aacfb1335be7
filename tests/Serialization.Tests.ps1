BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force

    function New-DetectionSample {
        $gt = New-FoDetections @((New-FoDetection car 0, 0, 0.5, 0.5), (New-FoDetection dog -0.01, 0.75, 0.25, 0.25))
        $pred = New-FoDetections @((New-FoDetection cat 0, 0, 0.5, 0.25 -Confidence 0.9))
        $s = New-FoSample /data/d.png -Tags train, reviewed -Fields @{
            ground_truth = $gt; predictions = $pred; weather = (New-FoClassification rain -Confidence 0.5 -Logits 1, 2); embedding = @(0.25, -1.5) }
        $s = $s | Find-FoMistake -LabelField ground_truth -PredictionField predictions
        $s.ground_truth.Detections[0].PSObject.BaseObject.SetField('reviewer', 'ana')
        $s
    }

    # Everything a sample holds, as one comparable string: ids, tags, fields, labels and their attributes.
    function Format-SampleContent($Sample) {
        $inner = $Sample.PSObject.BaseObject
        $parts = @($inner.Id, $inner.Filepath, ($inner.Tags -join '|'))
        foreach ($name in $inner.FieldNames) { $parts += "$name=$(Format-Value $inner.GetField($name))" }
        $parts -join '; '
    }

    function Format-Value($Value) {
        if ($null -eq $Value) { return 'null' }
        if ($Value -is [FiftyOneBrain.Samples.LabelObject]) {
            $attributes = foreach ($name in $Value.FieldNames) { "$name=$(Format-Value $Value.GetField($name))" }
            $items = if ($Value.TypeName -in 'Detections', 'Classifications') { ($Value.Items | ForEach-Object { Format-Value $_.PSObject.BaseObject }) -join ',' }
            return "$($Value.TypeName)($($Value.Id) $($Value.Label) $($Value.BoundingBox -join ' ') c=$($Value.Confidence) l=$($Value.Logits -join ' ') [$items] {$($attributes -join ' ')})"
        }
        if ($Value -is [array]) { return "$($Value.GetType().Name):$($Value -join ' ')" }
        "$($Value.GetType().Name):$Value"
    }
}

Describe 'Samples in ConvertTo-Json and Export-Csv' {
    It 'writes per-object attributes and the nested Detections list with ConvertTo-Json -Depth 5' {
        $json = New-DetectionSample | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        $json.ground_truth.Detections | Should -HaveCount 2
        $json.ground_truth.Detections[0].mistakenness | Should -Be 0.95
        $json.ground_truth.Detections[0].mistakenness_loc | Should -Be 0.95
        $json.ground_truth.Detections[0].reviewer | Should -Be 'ana'
        $json.ground_truth.Detections[1].possible_spurious | Should -BeTrue
        $json.weather.Label | Should -Be 'rain'
    }

    It 'round-trips a sample through ConvertTo-Json, ConvertFrom-Json and New-FoSample without loss' {
        $original = New-DetectionSample
        $back = $original | ConvertTo-Json -Depth 5 | ConvertFrom-Json | New-FoSample
        $back | Should -BeOfType FiftyOneBrain.Samples.Sample
        Format-SampleContent $back | Should -Be (Format-SampleContent $original)
    }

    It 'round-trips an imported sample with its image metadata and a prediction with logits and a class list' {
        $original = Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 1
        $prediction = New-FoClassification Bag -Confidence 0.75 -Logits 0.5, 2
        $prediction.PSObject.BaseObject.SetField('classes', [string[]]('Bag', 'Coat'))
        $original.PSObject.BaseObject.SetField('predictions', $prediction)
        $original.PSObject.BaseObject.SetField('hardness', 0.5)
        $back = $original | ConvertTo-Json -Depth 5 | ConvertFrom-Json | New-FoSample
        Format-SampleContent $back | Should -Be (Format-SampleContent $original)
        $back.Metadata | Should -Be $original.Metadata
        $back.predictions.PSObject.BaseObject.GetField('classes') | Should -BeOfType string
    }

    It 'still binds a plain path and a file from the pipeline' {
        ('/data/x.png' | New-FoSample).Filepath | Should -Be '/data/x.png'
        $file = New-Item (Join-Path $TestDrive 'y.png') -ItemType File
        ($file | New-FoSample).Filepath | Should -Be $file.FullName
    }

    It 'writes tags joined and boxes as numbers with Export-Csv' {
        $s = New-DetectionSample
        $csv = Join-Path $TestDrive 'samples.csv'
        $s | Export-Csv -LiteralPath $csv
        $row = Import-Csv -LiteralPath $csv
        $row.Tags | Should -Be 'train reviewed'
        $row.embedding | Should -Be ('{0} {1}' -f 0.25, -1.5)
        $objects = Join-Path $TestDrive 'objects.csv'
        $s.ground_truth.Detections | Export-Csv -LiteralPath $objects
        $rows = Import-Csv -LiteralPath $objects
        $rows[0].BoundingBox | Should -Be ('{0} {1} {2} {3}' -f 0, 0, 0.5, 0.5)
        $rows[1].BoundingBox | Should -Be ('{0} {1} {2} {3}' -f -0.01, 0.75, 0.25, 0.25)
        Get-Content -LiteralPath $csv, $objects -Raw | Should -Not -Match 'System\.'
    }

    It 'keeps item lists writable: Add on Detections changes the label' {
        $s = New-DetectionSample
        $s.ground_truth.Detections.Add((New-FoDetection bird 0.1, 0.1, 0.2, 0.2))
        $s.PSObject.BaseObject.GetField('ground_truth').Items.Count | Should -Be 3
    }
}

Describe 'New-FoDetection boxes' {
    It 'accepts a box a detector lets stick out past the edge: <Box>' -ForEach @(
        @{ Box = @(-0.01, 0.1, 0.5, 0.5) }
        @{ Box = @(0.8, 0.8, 0.5, 0.5) }
        @{ Box = @(0, 0, 1.2, 0.001) }
    ) {
        (New-FoDetection car $Box).BoundingBox | Should -Be $Box
    }

    It 'rejects <Box> naming <Expected>' -ForEach @(
        @{ Box = @(0, 0, 0, 0.5); Expected = '*width is 0;*positive*' }
        @{ Box = @(0, 0, 0.5, -0.1); Expected = '*height is -0.1;*positive*' }
        @{ Box = @([double]::NaN, 0, 0.5, 0.5); Expected = '*x is NaN;*finite*' }
        @{ Box = @(0, [double]::PositiveInfinity, 0.5, 0.5); Expected = '*y is Infinity;*finite*' }
    ) {
        { New-FoDetection car $Box } | Should -Throw -ErrorId 'InvalidBoundingBox,FiftyOneBrain.PowerShell.Commands.NewFoDetectionCommand' -ExpectedMessage $Expected
    }
}

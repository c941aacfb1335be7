BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test.
    $ErrorActionPreference = 'Stop'
}

Describe 'Samples and labels' {
    Context 'fields as properties' {
        It 'reads fields as properties and filters them on the pipeline' {
            $a = New-FoSample -Filepath /data/a.png -Tags train -Fields @{ ground_truth = (New-FoClassification -Label cat -Confidence 0.9); uniqueness = 0.2 }
            $b = New-FoSample -Filepath /data/b.png -Fields @{ ground_truth = (New-FoClassification -Label dog); uniqueness = 0.8 }

            $a, $b | Where-Object uniqueness -gt 0.5 | ForEach-Object { $_.ground_truth.Label } | Should -BeExactly 'dog'
            $a.ground_truth.Confidence | Should -Be 0.9
            $a.Tags -join ',' | Should -BeExactly 'train'
            ($a, $b | ForEach-Object Filepath) -join ';' | Should -BeExactly '/data/a.png;/data/b.png'
        }

        It 'updates the Core field when a field property is set' {
            $s = New-FoSample -Filepath /data/c.png
            $s.PSObject.BaseObject.SetField('hardness', 1.5)

            $s.hardness = 2.5

            $s.PSObject.BaseObject.GetField('hardness') | Should -Be 2.5
            $s.GetType().FullName | Should -BeExactly 'FiftyOneBrain.Samples.Sample'
        }
    }

    Context 'detections' {
        It 'reads detections and per-object attributes as properties' {
            $d = New-FoDetections @(
                (New-FoDetection -Label car -BoundingBox 0.1, 0.1, 0.5, 0.5 -Confidence 0.8),
                (New-FoDetection -Label person -BoundingBox 0, 0, 0.2, 0.9))
            $d.Detections[0].PSObject.BaseObject.SetField('mistakenness', 0.75)

            $d.Detections.Count | Should -Be 2
            $d.Detections | Where-Object mistakenness -gt 0.5 | ForEach-Object Label | Should -BeExactly 'car'
        }

        It 'stops with a clear error on an invalid bounding box' {
            { New-FoDetection -Label x -BoundingBox 0.5, 0.5, 0, 0.1 } |
                Should -Throw -ErrorId 'InvalidBoundingBox,FiftyOneBrain.PowerShell.Commands.NewFoDetectionCommand'
        }
    }
}

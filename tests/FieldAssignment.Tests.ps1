# Setting a property of a sample or label that is not a field yet adds the field (FieldBagAdapter).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
}

Describe 'Assigning new fields through properties' {
    It 'adds a new field to a sample and filters on it' {
        $samples = 'a.png', 'b.png' | New-FoSample
        $samples[0].uniqueness = 0.9
        $samples[0].PSObject.BaseObject.FieldNames | Should -Be @('uniqueness')
        $samples[0].PSObject.BaseObject.GetField('uniqueness') | Should -Be 0.9
        ($samples | Where-Object uniqueness -gt 0.5).Filepath | Should -Match 'a\.png$'
    }

    It 'adds a label as a field and an attribute to a label' {
        $sample = New-FoSample c.png
        $sample.truth = New-FoClassification cat
        $sample.truth.mistakenness = 0.4
        $sample.truth.Label | Should -Be 'cat'
        $sample.truth.PSObject.BaseObject.GetField('mistakenness') | Should -Be 0.4
    }

    It 'reads a field that was never set as $null' {
        (New-FoSample d.png).not_set | Should -BeNullOrEmpty
    }

    It 'leaves .NET members and PSObject to PowerShell' {
        $sample = New-FoSample e.png -Fields @{ hardness = 1.5 }
        $sample.PSObject.BaseObject.GetType().FullName | Should -Be 'FiftyOneBrain.Samples.Sample'
        $sample.FieldNames | Should -Be @('hardness')
        @($sample.PSObject.Properties.Name) | Should -Contain 'hardness'
        @($sample.PSObject.Properties.Name) | Should -Not -Contain 'not_set'
    }

    It 'keeps the intrinsic Count and Length of a single sample' {
        (New-FoSample f.png).Count | Should -Be 1
        (New-FoSample g.png -Fields @{ hardness = 1.5 }).Length | Should -Be 1
    }

    It 'still refuses to set a read-only built-in property' {
        $labels = New-FoDetections @(New-FoDetection -Label car -BoundingBox 0, 0, 0.5, 0.5)
        { $labels.Detections = @() } | Should -Throw '*read-only*'
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test; the tests that expect errors capture them with -ErrorVariable.
    $ErrorActionPreference = 'Stop'
}

Describe 'Measure-FoHardness' {
    It 'streams the samples with their hardness and reports the one without logits' {
        $a = New-FoSample /data/a.png -Fields @{ predictions = (New-FoClassification cat -Logits 0, 0) }
        $b = New-FoSample /data/b.png -Fields @{ predictions = (New-FoClassification dog -Confidence 0.9) }
        $c = New-FoSample /data/c.png -Fields @{ predictions = (New-FoClassification dog -Logits 3, 3, 3, 3) }

        $lines = $a, $b, $c | Measure-FoHardness -ErrorVariable errors -ErrorAction SilentlyContinue |
            ForEach-Object { '{0}={1:R}' -f $_.Filepath, $_.hardness }

        # The entropy of a uniform softmax over n classes is ln n.
        $lines | Should -BeExactly ('/data/a.png={0:R}' -f [Math]::Log(2)), ('/data/c.png={0:R}' -f [Math]::Log(4))
        $b.PSObject.BaseObject.HasField('hardness') | Should -BeFalse
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'MissingLogits,FiftyOneBrain.PowerShell.Commands.MeasureFoHardnessCommand'
        $errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        $errors[0].Exception.Message | Should -BeLikeExactly "*'$($b.Id)'*"
        $errors[0].Exception.Message | Should -BeLikeExactly "*'predictions'*"
    }

    It 'takes the field names as parameters, and its scores filter on the pipeline' {
        $easy = New-FoSample /data/easy.png -Fields @{ model = (New-FoClassification cat -Logits 20, 0, 0) }
        $hard = New-FoSample /data/hard.png -Fields @{ model = (New-FoClassification cat -Logits 1, 1, 1) }

        $easy, $hard | Measure-FoHardness -PredictionField model -HardnessField h | Where-Object h -gt 1 | ForEach-Object Filepath |
            Should -BeExactly '/data/hard.png'
    }

    It 'reports non-finite logits and a missing prediction as per-sample errors' {
        $nan = New-FoSample /data/nan.png -Fields @{ predictions = (New-FoClassification cat -Logits 0, 1) }
        $nan.predictions.Logits = [double[]]@(0, [double]::NaN)
        $none = New-FoSample /data/none.png
        $ok = New-FoSample /data/ok.png -Fields @{ predictions = (New-FoClassification cat -Logits 0, 1) }

        $out = @($nan, $none, $ok | Measure-FoHardness -ErrorVariable errors -ErrorAction SilentlyContinue)

        $out.Count | Should -Be 1
        $errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] } | Should -BeExactly 'NonFiniteLogits', 'MissingPrediction'
    }
}

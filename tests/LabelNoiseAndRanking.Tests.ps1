[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test; the tests that expect errors capture them with -ErrorVariable.
    $ErrorActionPreference = 'Stop'
}

Describe 'Add-FoLabelNoise and Measure-FoRanking' {
    BeforeEach {
        $samples = 0..99 | ForEach-Object { New-FoSample -Filepath "/img/$_.png" -Fields @{ ground_truth = (New-FoClassification -Label ('c' + ($_ % 4))) } }
    }

    Context 'Add-FoLabelNoise' {
        It 'tags the changed labels as mistakes, keeps the originals and passes every sample on' {
            $noisy = $samples | Add-FoLabelNoise -Fraction 0.25 -Seed 5
            $mistakes = @($noisy | Where-Object { $_.Tags -contains 'mistake' })

            @($noisy).Count | Should -Be 100
            $mistakes.Count | Should -Be 25
            @($mistakes | Where-Object { $_.ground_truth.Label -eq $_.ground_truth_original.Label }).Count | Should -Be 0
        }

        It 'reports a sample without a label as a non-terminating error' {
            $a = New-FoSample /img/a.png -Fields @{ ground_truth = (New-FoClassification -Label x) }
            $b = New-FoSample /img/b.png -Fields @{ ground_truth = (New-FoClassification -Label y) }
            $c = New-FoSample /img/c.png

            $out = @($a, $c, $b | Add-FoLabelNoise -Fraction 0.5 -Seed 1 -ErrorVariable errors -ErrorAction SilentlyContinue)

            $out.Count | Should -Be 2
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'NoClassificationLabel,FiftyOneBrain.PowerShell.Commands.AddFoLabelNoiseCommand'
        }
    }

    Context 'Measure-FoRanking' {
        It 'reports AUROC, precision and recall per score' {
            $noisy = $samples | Add-FoLabelNoise -Fraction 0.2 -Seed 9
            # An oracle score ranks every mistake first, its inverse ranks them last.
            $noisy | ForEach-Object {
                $_.PSObject.BaseObject.SetField('oracle', [double]($_.Tags -contains 'mistake'))
                $_.PSObject.BaseObject.SetField('inverse', 1.0 - [double]($_.Tags -contains 'mistake'))
            }

            $noisy | Measure-FoRanking -ScoreField oracle, inverse |
                ForEach-Object { '{0} {1} {2} {3} {4}' -f $_.ScoreField, $_.Auroc, $_.PrecisionAtK, $_.RecallAtTop10Percent, $_.K } |
                Should -BeExactly 'oracle 1 1 0.5 20', 'inverse 0 0 0 20'
        }
    }
}

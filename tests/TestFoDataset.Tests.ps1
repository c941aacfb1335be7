[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test.
    $ErrorActionPreference = 'Stop'
}

Describe 'Test-FoDataset' {
    BeforeEach {
        $scored = @(
            New-FoSample /img/ok.png -Fields @{ mistakenness = 0.2 }
            New-FoSample /img/bad.png -Fields @{ mistakenness = 0.97 }
            New-FoSample /img/worse.png -Fields @{ mistakenness = 0.995 })
    }

    It 'reports the violations in a summary object' {
        $r = $scored | Test-FoDataset -MaxMistakenness 0.9 -MaxCount 5

        $r.Passed | Should -BeTrue
        $r.Violating | Should -Be 2
        $r.Total | Should -Be 3
        $r.Worst[0].Sample.Filepath | Should -BeExactly '/img/worse.png'
    }

    It 'stops with -Fail and names the worst samples' {
        $thrown = { $scored | Test-FoDataset -MaxMistakenness 0.9 -Fail } |
            Should -Throw -ErrorId 'DatasetGateFailed,FiftyOneBrain.PowerShell.Commands.TestFoDatasetCommand' -PassThru

        $thrown.Exception.Message | Should -BeLikeExactly '*/img/worse.png*'
        $thrown.Exception.Message | Should -BeLikeExactly '*/img/bad.png*'
    }

    It 'stops with a clear error when no bound is given' {
        { New-FoSample /img/a.png | Test-FoDataset } |
            Should -Throw -ErrorId 'NoGateBound,FiftyOneBrain.PowerShell.Commands.TestFoDatasetCommand'
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    $module = Get-StagedModulePath
    # The pipeline of the help's CI examples, on samples already scored.
    $gateLine = "Import-Module '$module'; " +
        "@((New-FoSample /data/ok.png -Fields @{ mistakenness = 0.1 }), (New-FoSample /data/bad.png -Fields @{ mistakenness = 0.99 })) | " +
        'Test-FoDataset -MaxMistakenness 0.9 -Fail'
}

Describe 'Test-FoDataset -Fail as a CI gate' {
    It 'fails pwsh -Command with exit code 1 and names the worst sample' {
        $run = Invoke-ChildPwsh -Command $gateLine
        $run.ExitCode | Should -Be 1
        $run.Stderr | Should -BeLike '*/data/bad.png*'
    }

    It 'fails a pwsh -File script that sets $ErrorActionPreference = Stop, and nothing after the gate runs' {
        $script = Join-Path $TestDrive 'gate.ps1'
        Set-Content -LiteralPath $script -Value "`$ErrorActionPreference = 'Stop'", $gateLine, "'after the gate'"
        $run = Invoke-ChildPwsh -File $script
        $run.ExitCode | Should -Be 1
        $run.Lines | Should -Not -Contain 'after the gate'
    }

    It 'does not fail a pwsh -File script without it (why the help says to set it): the script runs on' {
        $script = Join-Path $TestDrive 'gate-continue.ps1'
        Set-Content -LiteralPath $script -Value $gateLine, "'after the gate'"
        $run = Invoke-ChildPwsh -File $script
        $run.Lines | Should -Contain 'after the gate'
        $run.ExitCode | Should -Be 0
    }

    It 'passes with exit code 0 when the samples are within the bound' {
        $run = Invoke-ChildPwsh -Command "Import-Module '$module'; New-FoSample /data/ok.png -Fields @{ mistakenness = 0.1 } | Test-FoDataset -MaxMistakenness 0.9 -Fail | Out-Null"
        $run.ExitCode | Should -Be 0
    }

    It 'counts a NaN <Field> as a violation' -ForEach @(
        @{ Field = 'mistakenness'; Bound = @{ MaxMistakenness = 0.9 } }
        @{ Field = 'uniqueness'; Bound = @{ MinUniqueness = 0.1 } }
    ) {
        $nan = New-FoSample /data/nan.png -Fields @{ $Field = [double]::NaN }
        $ok = New-FoSample /data/ok.png -Fields @{ mistakenness = 0.1; uniqueness = 0.5 }
        $gate = $ok, $nan | Test-FoDataset @Bound
        $gate.Passed | Should -BeFalse
        $gate.Violating | Should -Be 1
        $gate.Worst[0].Sample.Filepath | Should -Be '/data/nan.png'
        { $ok, $nan | Test-FoDataset @Bound -Fail } | Should -Throw -ErrorId 'DatasetGateFailed,FiftyOneBrain.PowerShell.Commands.TestFoDatasetCommand'
    }
}

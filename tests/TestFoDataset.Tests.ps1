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

Describe 'Test-FoDataset count gates' {
    BeforeEach {
        $flagged = @(
            New-FoSample /img/clean.png -Fields @{ leak = $false; image_issues = [string[]]@() }
            New-FoSample /img/tagged.png -Tags duplicate
            New-FoSample /img/copy.png -Fields @{ duplicate_of = '0123456789abcdef01234567' }
            New-FoSample /img/leak.png -Fields @{ leak = $true }
            New-FoSample /img/dark.png -Fields @{ image_issues = [string[]]@('dark', 'blurry') })
    }

    It '<Bound> <Max> counts <Count> and passes: <Passed>' -ForEach @(
        @{ Bound = 'MaxDuplicates'; Max = 2; Count = 2; Passed = $true }
        @{ Bound = 'MaxDuplicates'; Max = 1; Count = 2; Passed = $false }
        @{ Bound = 'MaxLeaks'; Max = 1; Count = 1; Passed = $true }
        @{ Bound = 'MaxLeaks'; Max = 0; Count = 1; Passed = $false }
        @{ Bound = 'MaxImageIssues'; Max = 1; Count = 1; Passed = $true }
        @{ Bound = 'MaxImageIssues'; Max = 0; Count = 1; Passed = $false }
    ) {
        $bound = @{ $Bound = $Max }
        $r = $flagged | Test-FoDataset @bound

        $r.Passed | Should -Be $Passed
        $r.Flags | Should -HaveCount 1
        $r.Flags[0].Count | Should -Be $Count
    }

    It 'fails with -Fail naming a flagged sample, and combines with score bounds' {
        $thrown = { $flagged | Test-FoDataset -MaxLeaks 0 -Fail } |
            Should -Throw -ErrorId 'DatasetGateFailed,FiftyOneBrain.PowerShell.Commands.TestFoDatasetCommand' -PassThru
        $thrown.Exception.Message | Should -BeLikeExactly '*/img/leak.png*'

        $flagged[0].SetField('mistakenness', 0.99)
        $r = $flagged | Test-FoDataset -MaxMistakenness 0.9 -MaxCount 1 -MaxDuplicates 5 -WarningAction SilentlyContinue
        $r.Passed | Should -BeTrue
        $r.Violating | Should -Be 1
    }

    It 'warns when no sample has the leak field' {
        $null = New-FoSample /img/a.png | Test-FoDataset -MaxLeaks 0 -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "*'leak'*Find-FoLeak*"
    }
}

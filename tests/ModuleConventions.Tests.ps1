[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    Import-Module (Get-StagedModulePath -Name FiftyOneBrain.Training) -Force

    function Get-ModuleCommand {
        # Both modules' cmdlets; the core's training placeholders are replaced by the training module's.
        Get-Command -Module FiftyOneBrain, FiftyOneBrain.Training |
            Where-Object { $_.ImplementingType.BaseType.Name -ne 'TrainingModuleRequiredCommand' }
    }
    # An error no test expects fails that test.
    $ErrorActionPreference = 'Stop'
    $exported = @((Get-Module FiftyOneBrain).ExportedCommands.Keys)
}

# What users of a good PowerShell module rely on, checked over every exported command.
Describe 'Module conventions' {
    It 'uses only approved verbs' {
        $approved = Get-Verb | ForEach-Object Verb

        $exported | Should -Not -BeNullOrEmpty
        $exported | Where-Object { ($_ -split '-')[0] -cnotin $approved } | Should -BeNullOrEmpty
    }

    It 'declares the output type of every cmdlet' {
        Get-ModuleCommand | Where-Object { $_.OutputType.Count -eq 0 } | ForEach-Object Name |
            Should -BeNullOrEmpty
    }

    It '<Name> writes files, so it supports -WhatIf' -ForEach @(
        @{ Name = 'Export-FoDataset' }
        @{ Name = 'Show-FoDataset' }
        @{ Name = 'New-FoModel' }
    ) {
        # The xunit test skipped commands that were not exported; all three are today.
        $exported | Should -Contain $Name
        (Get-Command $Name).Parameters.ContainsKey('WhatIf') | Should -BeTrue -Because "$Name writes files"
    }

    It 'has a valid manifest that exports explicit names' {
        $manifestPath = Get-StagedModulePath
        $manifest = Test-ModuleManifest $manifestPath

        $manifest.Version.ToString() | Should -BeExactly '0.1.0'
        $manifest.PowerShellVersion.ToString() | Should -BeExactly '7.4'
        $manifest.CompatiblePSEditions -join ',' | Should -BeExactly 'Core'
        Get-Content $manifestPath -Raw | Should -Not -Match "'\*'"
    }

    It 'has help with a synopsis, a description and an example for every cmdlet, and help for every parameter' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $problems = foreach ($c in Get-ModuleCommand) {
            $help = Get-Help $c.Name -Full
            if (-not "$($help.Synopsis)".Trim() -or "$($help.Synopsis)".Trim() -like "$($c.Name)*") { "$($c.Name): no synopsis" }
            if (-not $help.description) { "$($c.Name): no description" }
            if (@($help.examples.example).Count -lt 1) { "$($c.Name): no example" }
            foreach ($p in $c.Parameters.Keys) {
                if ($common -contains $p) { continue }
                $ph = Get-Help $c.Name -Parameter $p -ErrorAction SilentlyContinue
                if (-not ($ph.description | ForEach-Object Text)) { "$($c.Name) -$($p): no help" }
            }
        }

        $problems | Should -BeNullOrEmpty
    }

    It 'has an about topic that explains the scores' {
        $text = Get-Help about_FiftyOneBrain | Out-String

        $text | Should -BeLikeExactly '*mistakenness*'
        $text | Should -BeLikeExactly '*uniqueness*'
        $text | Should -BeLikeExactly '*hardness*'
    }
}

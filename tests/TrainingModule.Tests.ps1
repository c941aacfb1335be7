<#
    The split between the core module and FiftyOneBrain.Training: in the core alone the training cmdlets stop
    with one line naming the module to install; importing the training module replaces them.
    Each case runs in a new pwsh whose module path holds only the staged modules given.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $core = Get-StagedModulePath
    $training = Get-StagedModulePath -Name FiftyOneBrain.Training

    function Invoke-Isolated([string] $Command, [string] $ModulePath) {
        # A module path of its own, so an installed FiftyOneBrain.Training is never found by accident.
        Invoke-ChildPwsh -Command $Command -Environment @{ PSModulePath = $ModulePath; FOB_CORE = $core; FOB_TRAINING = $training }
    }
}

Describe 'FiftyOneBrain without FiftyOneBrain.Training' {
    It '<Name> stops with TrainingModuleRequired and one line saying to install the training module' -ForEach @(
        @{ Name = 'New-FoModel'; Call = "New-FoSample -Filepath /data/a.png | New-FoModel -LabelField ground_truth -Path model.fomodel -Epochs 1" }
        @{ Name = 'Invoke-FoCrossValidation'; Call = "New-FoSample -Filepath /data/a.png | Invoke-FoCrossValidation -LabelField ground_truth -Folds 2" }
    ) {
        $command = "Import-Module `$env:FOB_CORE; try { $Call } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $run = Invoke-Isolated $command -ModulePath (Join-Path $TestDrive 'empty')
        $run.ExitCode | Should -Be 0 -Because $run.Stderr
        $run.Lines[0] | Should -BeLike 'TrainingModuleRequired,*'
        $run.Lines[1] | Should -BeExactly "$Name is in the FiftyOneBrain.Training module (training on libtorch): run 'Install-PSResource FiftyOneBrain.Training', then 'Import-Module FiftyOneBrain.Training'."
        $run.Lines.Count | Should -Be 2
    }

    It 'says to import the training module when it is installed but not imported' {
        $modules = Join-Path $TestDrive 'modules'
        $null = New-Item -ItemType Directory -Path $modules -Force
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $modules 'FiftyOneBrain.Training') -Target (Split-Path $training -Parent) -Force
        $run = Invoke-Isolated "Import-Module `$env:FOB_CORE; try { New-FoModel -LabelField x -Path m.fomodel } catch { `$_.Exception.Message }" -ModulePath $modules
        $run.ExitCode | Should -Be 0 -Because $run.Stderr
        $run.Lines | Should -BeExactly "New-FoModel is in the FiftyOneBrain.Training module: run 'Import-Module FiftyOneBrain.Training' first."
    }
}

Describe 'FiftyOneBrain.Training' {
    It 'replaces the placeholders once imported and declares FiftyOneBrain as its required module' {
        $command = 'Import-Module $env:FOB_CORE; Import-Module $env:FOB_TRAINING; ' +
            '(Get-Command New-FoModel).ModuleName; (Get-Command Invoke-FoCrossValidation).ModuleName; ' +
            '(Get-Module FiftyOneBrain.Training).RequiredModules.Name; (Get-Command New-FoModel).Parameters.ContainsKey("WhatIf")'
        $run = Invoke-Isolated $command -ModulePath (Join-Path $TestDrive 'empty')
        $run.ExitCode | Should -Be 0 -Because $run.Stderr
        $run.Lines | Should -Be 'FiftyOneBrain.Training', 'FiftyOneBrain.Training', 'FiftyOneBrain', 'True'
    }

    It 'stages no file that the core module already carries, and the core stages no libtorch or TorchSharp' {
        $coreFiles = Get-ChildItem -LiteralPath (Split-Path $core -Parent) -Recurse -File
        $trainingFiles = Get-ChildItem -LiteralPath (Split-Path $training -Parent) -Recurse -File
        $trainingFiles.Name | Where-Object { $_ -in $coreFiles.Name } | Should -BeNullOrEmpty
        $coreFiles.Name | Where-Object { $_ -match 'torch|c10' } | Should -BeNullOrEmpty
        $trainingFiles.Name | Should -Contain 'libtorch_cpu.so'
        $trainingFiles.Name | Should -Contain 'TorchSharp.dll'
    }
}

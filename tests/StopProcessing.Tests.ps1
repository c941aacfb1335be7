[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    Import-Module (Get-StagedModulePath -Name FiftyOneBrain.Training) -Force
    # An error no test expects fails that test.
    $ErrorActionPreference = 'Stop'

    # Starts a script in a new runspace with the module imported, stops it after a while as Ctrl+C does,
    # and returns how long it took to come back once asked to stop.
    function Measure-Stop([string] $Script, [hashtable] $Parameters, [int] $StopAfterSeconds) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Get-StagedModulePath)).Invoke()
            $ps.Commands.Clear()
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Get-StagedModulePath -Name FiftyOneBrain.Training)).Invoke()
            $ps.HadErrors | Should -BeFalse -Because 'the module imports in the new runspace'
            $ps.Commands.Clear()
            $null = $ps.AddScript($Script).AddParameters($Parameters)

            $running = $ps.BeginInvoke()
            Start-Sleep -Seconds $StopAfterSeconds
            $running.IsCompleted | Should -BeFalse -Because 'the script must still be running when it is stopped; give it more work'
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Stop()

            $ps.InvocationStateInfo.State | Should -Be ([System.Management.Automation.PSInvocationState]::Stopped)
            $clock.Elapsed
        }
        finally { $ps.Dispose() }
    }
}

# Ctrl+C during long work stops promptly and leaves no half-written file behind.
Describe 'Stopping long work' {
    BeforeEach {
        $dir = (New-Item -ItemType Directory -Path (Join-Path $TestDrive (New-Guid))).FullName
    }

    It 'leaves no page and no temporary file when a gallery run is stopped' {
        $image = Join-Path $dir big.png
        $null = New-TestPng $image -Width 1500 -Height 1500 -From 20, 40, 200 -To 240, 200, 30

        $took = Measure-Stop -StopAfterSeconds 3 -Parameters @{ image = $image; page = (Join-Path $dir gallery.html) } -Script {
            param($image, $page)
            $samples = foreach ($i in 1..3000) { [FiftyOneBrain.Samples.Sample]::new($image) }
            $samples | Show-FoDataset -Path $page
        }

        $took | Should -BeLessThan ([timespan]::FromSeconds(5))
        Get-ChildItem $dir -Force | ForEach-Object Name | Should -BeExactly 'big.png'
    }

    It 'leaves no model file when training is stopped' {
        $took = Measure-Stop -StopAfterSeconds 8 -Parameters @{ model = (Join-Path $dir stopped.fomodel) } -Script {
            param($model)
            Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 3000 |
                New-FoModel -LabelField ground_truth -Path $model -Epochs 50 -Width 0.25
        }

        $took | Should -BeLessThan ([timespan]::FromSeconds(10))
        Get-ChildItem $dir -Force | Should -BeNullOrEmpty
    }
}

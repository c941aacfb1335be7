<#
    The packages as a user gets them: build/Package.ps1 publishes the staged core module and the training module
    with Publish-PSResource into a folder repository, Install-PSResource and Install-Module (PowerShellGet 2)
    install the core by name, a new pwsh imports it by name and scores samples without any libtorch, the
    training module installs beside it and trains, and Update-PSResource picks up a second published version.
    Every registration and install happens in child processes whose data, cache and config folders
    (XDG_*_HOME, HOME, TMPDIR) are under TestDrive, so the user's repositories and module paths are never touched.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force

    function Initialize-IsolatedUser {
        # A home of its own under TestDrive, with the XDG folders where they default to (PSResourceGet
        # installs under $HOME/.local/share whatever XDG_DATA_HOME says; pwsh's module path follows
        # XDG_DATA_HOME). They must exist: .NET reports a missing XDG folder as '' and the stores would
        # land in the working directory.
        param([Parameter(Mandatory)] [string] $Name)
        $userHome = Join-Path $TestDrive $Name
        $environment = @{
            HOME            = $userHome
            XDG_DATA_HOME   = Join-Path $userHome '.local' 'share'
            XDG_CACHE_HOME  = Join-Path $userHome '.cache'
            XDG_CONFIG_HOME = Join-Path $userHome '.config'
            TMPDIR          = Join-Path $userHome 'tmp'
            NO_COLOR        = '1'
        }
        $null = New-Item -ItemType Directory -Force -Path $environment.XDG_DATA_HOME, $environment.XDG_CACHE_HOME,
            $environment.XDG_CONFIG_HOME, $environment.TMPDIR
        [pscustomobject]@{
            Environment = $environment
            Modules     = Join-Path $environment.XDG_DATA_HOME 'powershell' 'Modules'
        }
    }

    function Invoke-AsUser {
        # Runs a command in a new pwsh as that user, with the test repository in $env:FOB_REPOSITORY and the
        # staged module folder in $env:FOB_STAGED.
        param([Parameter(Mandatory)] $User, [Parameter(Mandatory)] [string] $Command)
        $environment = $User.Environment.Clone() + @{
            FOB_REPOSITORY = $repository
            FOB_REPO_ROOT  = Get-TestRepoRoot
            FOB_STAGED     = Split-Path (Get-StagedModulePath) -Parent
            FOB_STAGED_TRAINING = Split-Path (Get-StagedModulePath -Name FiftyOneBrain.Training) -Parent
        }
        Invoke-ChildPwsh -Command "`$ErrorActionPreference = 'Stop'; $Command" -Environment $environment -Timeout ([timespan]::FromMinutes(10))
    }

    function Invoke-ScoringInNewProcess {
        # Imports FiftyOneBrain by name from the user's module folder only and scores 20 Fashion-MNIST test
        # images with the default model and their uniqueness with the packaged ResNet18 (so the packaged
        # natives load): module base and version, then "label prediction hardness mistakenness uniqueness"
        # per sample, then the libraries the process mapped whose names say libtorch, and the ONNX Runtime it mapped.
        param([Parameter(Mandatory)] $User)
        $command = @'
$ErrorActionPreference = 'Stop'
Import-Module FiftyOneBrain
$module = Get-Module FiftyOneBrain
$module.ModuleBase
$module.Version.ToString()
Import-FoDataset -Path /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 20 |
    Invoke-FoModel -PredictionField predictions -StoreLogits |
    Measure-FoHardness -PredictionField predictions |
    Find-FoMistake -LabelField ground_truth -PredictionField predictions -UseLogits |
    Measure-FoUniqueness |
    ForEach-Object { '{0}|{1}|{2:R}|{3:R}|{4:R}' -f $_.ground_truth.Label, $_.predictions.Label, $_.hardness, $_.mistakenness, $_.uniqueness }
$maps = Get-Content -LiteralPath /proc/self/maps | ForEach-Object { ($_ -split '\s+', 6)[5] } | Where-Object { $_ } | Sort-Object -Unique
'torch:' + (@($maps | Where-Object { (Split-Path $_ -Leaf) -match 'torch|^libc10' }) -join ',')
'onnxruntime:' + (@($maps | Where-Object { $_ -like '*/libonnxruntime.so' }) -join ',')
'@
        $run = Invoke-ChildPwsh -Command $command -Environment @{ PSModulePath = $User.Modules; XDG_DATA_HOME = $User.Environment.XDG_DATA_HOME; NO_COLOR = '1' }
        $run.ExitCode | Should -Be 0 -Because $run.Stderr
        $rows = @($run.Lines | Select-Object -Skip 2 | Where-Object { $_ -notmatch '^(torch|onnxruntime):' } |
            ConvertFrom-Csv -Delimiter '|' -Header Label, Prediction, Hardness, Mistakenness, Uniqueness)
        [pscustomobject]@{
            ModuleBase  = $run.Lines[0]; Version = $run.Lines[1]; Rows = $rows
            Torch       = ($run.Lines -match '^torch:') -replace '^torch:'
            OnnxRuntime = ($run.Lines -match '^onnxruntime:') -replace '^onnxruntime:'
        }
    }

    function Get-UserPackageState {
        # What the test must leave as it was: the real module folder and both repository stores.
        $dataHome = $env:XDG_DATA_HOME ? $env:XDG_DATA_HOME : (Join-Path $HOME '.local' 'share')
        $cacheHome = $env:XDG_CACHE_HOME ? $env:XDG_CACHE_HOME : (Join-Path $HOME '.cache')
        $paths = @(
            Join-Path $dataHome 'powershell' 'Modules'
            Join-Path $dataHome 'PSResourceGet' 'PSResourceRepository.xml'
            Join-Path $cacheHome 'powershell' 'PowerShellGet' 'PSRepositories.xml')
        foreach ($path in $paths) {
            $items = @(Get-ChildItem -LiteralPath $path -Recurse -Force -File -ErrorAction Ignore | Sort-Object -Property FullName)
            "$path exists=$(Test-Path -LiteralPath $path) " + (($items | ForEach-Object { "$($_.FullName):$($_.Length):$($_.LastWriteTimeUtc.Ticks)" }) -join ',')
        }
    }

    $userStateBefore = Get-UserPackageState
    $started = Get-Date
    $repository = Join-Path $TestDrive 'repository'
    $null = New-Item -ItemType Directory -Path $repository
    $version = (Import-PowerShellDataFile -Path (Get-StagedModulePath)).ModuleVersion
    $psResourceUser = Initialize-IsolatedUser -Name psresourceget
    $powerShellGetUser = Initialize-IsolatedUser -Name powershellget

    $packageRun = Invoke-AsUser -User $psResourceUser -Command @'
Register-PSResourceRepository -Name FobTest -Uri $env:FOB_REPOSITORY -Trusted
$packages = & (Join-Path $env:FOB_REPO_ROOT 'build' 'Package.ps1') -ModuleFolder $env:FOB_STAGED -TrainingModuleFolder $env:FOB_STAGED_TRAINING -OutputFolder $env:FOB_REPOSITORY -InformationAction Ignore
$packages | ForEach-Object Name
(Get-PSResourceRepository | Sort-Object -Property Name | ForEach-Object Name) -join ','
'@
    Write-Information ('Package.ps1 (Publish-PSResource): {0:N1} s' -f ((Get-Date) - $started).TotalSeconds) -InformationAction Continue
    foreach ($package in Get-ChildItem -LiteralPath $repository -Filter *.nupkg) {
        Write-Information ('{0}: {1:N1} MB' -f $package.Name, ($package.Length / 1MB)) -InformationAction Continue
    }

    function Get-PackageContent([string] $Name) {
        # The nuspec's metadata and every entry name of a package in the test repository.
        Add-Type -AssemblyName System.IO.Compression.ZipFile
        $zip = [IO.Compression.ZipFile]::OpenRead((Join-Path $repository "$Name.$version.nupkg"))
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry("$Name.nuspec").Open())
            $nuspec = ([xml]$reader.ReadToEnd()).package.metadata
            $reader.Dispose()
            [pscustomobject]@{ Nuspec = $nuspec; Entries = @($zip.Entries | ForEach-Object FullName) }
        }
        finally { $zip.Dispose() }
    }
}

AfterAll {
    # The stores live under TestDrive and go with it; unregistering keeps each step's own cleanup honest.
    if ($psResourceUser) { $null = Invoke-AsUser -User $psResourceUser -Command 'Unregister-PSResourceRepository -Name FobTest' }
    if ($powerShellGetUser) { $null = Invoke-AsUser -User $powerShellGetUser -Command 'Unregister-PSRepository -Name FobTest' }
    Write-Information ('Package tests: {0:N1} s in all' -f ((Get-Date) - $started).TotalSeconds) -InformationAction Continue
}

Describe 'FiftyOneBrain package' {
    Context 'build/Package.ps1' {
        It 'publishes both staged modules with Publish-PSResource into the folder and unregisters its own repository' {
            $packageRun.ExitCode | Should -Be 0 -Because $packageRun.Stderr
            $packageRun.Lines | Should -Be "FiftyOneBrain.$version.nupkg", "FiftyOneBrain.Training.$version.nupkg", 'FobTest,PSGallery'
            Get-ChildItem -LiteralPath $repository -Force | ForEach-Object Name | Sort-Object |
                Should -Be "FiftyOneBrain.$version.nupkg", "FiftyOneBrain.Training.$version.nupkg"
        }

        It 'the core package holds the natives of linux-x64, win-x64 and osx-arm64 and no libtorch, under 250 MB' {
            $entries = (Get-PackageContent FiftyOneBrain).Entries
            foreach ($native in 'runtimes/linux-x64/native/libonnxruntime.so', 'runtimes/linux-x64/native/libSkiaSharp.so',
                'runtimes/win-x64/native/onnxruntime.dll', 'runtimes/win-x64/native/libSkiaSharp.dll',
                'runtimes/osx-arm64/native/libonnxruntime.dylib', 'runtimes/osx-arm64/native/libSkiaSharp.dylib') {
                $entries | Should -Contain $native
            }
            $entries | Where-Object { $_ -match 'torch|c10|\.pdb$' } | Should -BeNullOrEmpty
            $entries | Should -Contain 'Models/ResNet18.onnx'
            (Get-Item -LiteralPath (Join-Path $repository "FiftyOneBrain.$version.nupkg")).Length | Should -BeLessThan 250MB
        }

        It 'the training package depends on FiftyOneBrain and carries TorchSharp and libtorch, nothing of the core' {
            $content = Get-PackageContent FiftyOneBrain.Training
            $content.Nuspec.dependencies.dependency.id | Should -Be 'FiftyOneBrain'
            $content.Entries | Should -Contain 'libtorch_cpu.so'
            $content.Entries | Should -Contain 'TorchSharp.dll'
            $content.Entries | Should -Contain 'en-US/FiftyOneBrain.Training.dll-Help.xml'
            $content.Entries | Where-Object { $_ -match 'onnxruntime|SkiaSharp|^FiftyOneBrain\.(Core\.)?dll$' } | Should -BeNullOrEmpty
        }

        It 'writes the manifest''s metadata into the nuspec and carries help, model and natives' {
            $content = Get-PackageContent FiftyOneBrain
            $nuspec = $content.Nuspec
            $entries = $content.Entries
            $manifest = Import-PowerShellDataFile -Path (Get-StagedModulePath)

            $nuspec.id | Should -Be 'FiftyOneBrain'
            $nuspec.version | Should -Be $version
            $nuspec.authors | Should -Be $manifest.Author
            $nuspec.description | Should -Be $manifest.Description
            $nuspec.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
            $nuspec.tags -split ' ' | Should -Be (@('PSModule') + $manifest.PrivateData.PSData.Tags)
            $entries | Should -Contain 'FiftyOneBrain.psd1'
            $entries | Should -Contain 'en-US/FiftyOneBrain.dll-Help.xml'
            $entries | Should -Contain 'Models/default.fomodel'
            $entries | Should -Contain 'runtimes/linux-x64/native/libonnxruntime.so'
        }
    }

    Context 'Install-PSResource' {
        BeforeAll {
            $install = Invoke-AsUser -User $psResourceUser -Command @'
Install-PSResource FiftyOneBrain -Repository FobTest -TrustRepository -Scope CurrentUser -Quiet
Get-InstalledPSResource FiftyOneBrain | ForEach-Object { $_.Version.ToString() }
'@
            Write-Information ('... Install-PSResource done at {0:N1} s' -f ((Get-Date) - $started).TotalSeconds) -InformationAction Continue
        }

        It 'installs by name from the folder repository; a new pwsh imports it by name and scores samples without libtorch' {
            $install.ExitCode | Should -Be 0 -Because $install.Stderr
            $install.Lines | Should -Be $version
            $installed = Join-Path $psResourceUser.Modules 'FiftyOneBrain' $version
            Get-ChildItem -LiteralPath $installed -Recurse -File | Where-Object Name -Match 'torch|c10' | Should -BeNullOrEmpty

            $scored = Invoke-ScoringInNewProcess -User $psResourceUser
            $scored.Torch | Should -BeNullOrEmpty -Because 'the core never loads libtorch'
            $scored.OnnxRuntime | Should -Be (Join-Path $installed 'runtimes' 'linux-x64' 'native' 'libonnxruntime.so')
            $scored.Rows | ForEach-Object { [double]$_.Uniqueness } | Should -BeGreaterOrEqual 0
            $scored.Rows | ForEach-Object { [double]$_.Uniqueness } | Should -BeLessOrEqual 1
            $scored.ModuleBase | Should -Be (Join-Path $psResourceUser.Modules 'FiftyOneBrain' $version)
            $scored.Version | Should -Be $version
            $scored.Rows.Count | Should -Be 20
            $scored.Rows | ForEach-Object { [double]$_.Hardness } | Should -BeGreaterOrEqual 0
            $scored.Rows | ForEach-Object { [double]$_.Hardness } | Should -BeLessOrEqual ([math]::Log(10))
            @($scored.Rows | Where-Object { $_.Label -eq $_.Prediction }).Count | Should -BeGreaterOrEqual 15
            # a right prediction is a low mistakenness, a wrong one a high one
            $scored.Rows | Where-Object { $_.Label -eq $_.Prediction } | ForEach-Object { [double]$_.Mistakenness } | Should -BeLessThan 0.5
        }

        It 'FiftyOneBrain.Training installs beside the core and trains a tiny model in a new pwsh' {
            $training = Invoke-AsUser -User $psResourceUser -Command @'
Install-PSResource FiftyOneBrain.Training -Repository FobTest -TrustRepository -Scope CurrentUser -Quiet
(Get-InstalledPSResource FiftyOneBrain* | Sort-Object -Property Name | ForEach-Object { '{0} {1}' -f $_.Name, $_.Version }) -join ','
'@
            $training.ExitCode | Should -Be 0 -Because $training.Stderr
            $training.Lines | Should -Be "FiftyOneBrain $version,FiftyOneBrain.Training $version"

            $model = Join-Path $TestDrive 'tiny.fomodel'
            $command = "Import-Module FiftyOneBrain.Training; " +
                "`$m = Import-FoDataset -Path /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split test -MaxSamples 40 | " +
                "New-FoModel -LabelField ground_truth -Path '$model' -Epochs 1 -Width 0.125 -BatchSize 8 -Seed 1 -InformationAction Ignore; " +
                "(Get-Command New-FoModel).ModuleName; (Get-Module FiftyOneBrain).ModuleBase; `$m.Classes.Count"
            $run = Invoke-ChildPwsh -Command $command -Environment @{ PSModulePath = $psResourceUser.Modules; XDG_DATA_HOME = $psResourceUser.Environment.XDG_DATA_HOME; NO_COLOR = '1' }
            $run.ExitCode | Should -Be 0 -Because $run.Stderr
            $run.Lines | Should -Be 'FiftyOneBrain.Training', (Join-Path $psResourceUser.Modules 'FiftyOneBrain' $version), '10'
            Test-Path -LiteralPath $model | Should -BeTrue
        }

        It 'Update-PSResource picks up a second version published to the repository' {
            # The second version: the staged module hard-linked (it is ~450 MB), with its own copy of the
            # manifest so the version bump does not write through to the staged one.
            $staged = Split-Path (Get-StagedModulePath) -Parent
            $second = Join-Path $TestDrive 'second' 'FiftyOneBrain'
            $current = [version]$version
            $next = '{0}.{1}.{2}' -f $current.Major, $current.Minor, ($current.Build + 1)
            foreach ($file in Get-ChildItem -LiteralPath $staged -Recurse -File) {
                $destination = Join-Path $second (Resolve-Path -LiteralPath $file.FullName -Relative -RelativeBasePath $staged)
                $null = New-Item -ItemType Directory -Path (Split-Path $destination -Parent) -Force
                if ($file.Name -eq 'FiftyOneBrain.psd1') { Copy-Item -LiteralPath $file.FullName -Destination $destination }
                else { $null = New-Item -ItemType HardLink -Path $destination -Target $file.FullName }
            }
            Update-ModuleManifest -Path (Join-Path $second 'FiftyOneBrain.psd1') -ModuleVersion $next
            (Import-PowerShellDataFile -Path (Get-StagedModulePath)).ModuleVersion | Should -Be $version

            $update = Invoke-AsUser -User $psResourceUser -Command @"
Publish-PSResource -Path '$second' -Repository FobTest
Update-PSResource FiftyOneBrain -Repository FobTest -TrustRepository -Scope CurrentUser -Quiet
(Get-InstalledPSResource FiftyOneBrain | Sort-Object -Property Version | ForEach-Object { `$_.Version.ToString() }) -join ','
"@
            Write-Information ('... publish + Update-PSResource done at {0:N1} s' -f ((Get-Date) - $started).TotalSeconds) -InformationAction Continue
            $update.ExitCode | Should -Be 0 -Because $update.Stderr
            $update.Lines | Should -Be "$version,$next"
            Get-ChildItem -LiteralPath $repository -Filter *.nupkg | Where-Object Name -Match '^FiftyOneBrain\.\d' | ForEach-Object Name | Sort-Object |
                Should -Be "FiftyOneBrain.$version.nupkg", "FiftyOneBrain.$next.nupkg"

            $import = Invoke-ChildPwsh -Command 'Import-Module FiftyOneBrain -ErrorAction Stop; (Get-Module FiftyOneBrain).Version.ToString(); (New-FoSample -Filepath /data/a.png).Filepath' `
                -Environment @{ PSModulePath = $psResourceUser.Modules; XDG_DATA_HOME = $psResourceUser.Environment.XDG_DATA_HOME; NO_COLOR = '1' }
            $import.ExitCode | Should -Be 0 -Because $import.Stderr
            $import.Lines | Should -Be $next, '/data/a.png'
        }
    }

    Context 'Install-Module (PowerShellGet 2)' {
        BeforeAll {
            $install = Invoke-AsUser -User $powerShellGetUser -Command @"
Register-PSRepository -Name FobTest -SourceLocation `$env:FOB_REPOSITORY -InstallationPolicy Trusted
Install-Module FiftyOneBrain -Repository FobTest -RequiredVersion $version -Scope CurrentUser
(Get-InstalledModule FiftyOneBrain).Version.ToString()
"@
            Write-Information ('... Install-Module done at {0:N1} s' -f ((Get-Date) - $started).TotalSeconds) -InformationAction Continue
        }

        It 'installs by name from the folder repository; a new pwsh imports it by name and scores samples' {
            $install.ExitCode | Should -Be 0 -Because $install.Stderr
            $install.Lines | Should -Be $version

            $scored = Invoke-ScoringInNewProcess -User $powerShellGetUser
            $scored.ModuleBase | Should -Be (Join-Path $powerShellGetUser.Modules 'FiftyOneBrain' $version)
            $scored.Version | Should -Be $version
            $scored.Rows.Count | Should -Be 20
            @($scored.Rows | Where-Object { $_.Label -eq $_.Prediction }).Count | Should -BeGreaterOrEqual 15
        }
    }

    It 'leaves the user''s own repositories and module folder as they were' {
        Get-UserPackageState | Should -Be $userStateBefore
    }
}

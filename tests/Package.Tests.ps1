<#
    The package as a user gets it: build/Package.ps1 publishes the staged module with Publish-PSResource into
    a folder repository, Install-PSResource and Install-Module (PowerShellGet 2) install it by name, a new pwsh
    imports it by name and scores samples, and Update-PSResource picks up a second published version.
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
        }
        Invoke-ChildPwsh -Command "`$ErrorActionPreference = 'Stop'; $Command" -Environment $environment -Timeout ([timespan]::FromMinutes(10))
    }

    function Invoke-ScoringInNewProcess {
        # Imports FiftyOneBrain by name from the user's module folder only and scores 20 Fashion-MNIST test
        # images with the default model (so the packaged natives load): module base and version, then
        # "label prediction hardness mistakenness" per sample.
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
    ForEach-Object { '{0}|{1}|{2:R}|{3:R}' -f $_.ground_truth.Label, $_.predictions.Label, $_.hardness, $_.mistakenness }
'@
        $run = Invoke-ChildPwsh -Command $command -Environment @{ PSModulePath = $User.Modules; XDG_DATA_HOME = $User.Environment.XDG_DATA_HOME; NO_COLOR = '1' }
        $run.ExitCode | Should -Be 0 -Because $run.Stderr
        $rows = @($run.Lines | Select-Object -Skip 2 | ConvertFrom-Csv -Delimiter '|' -Header Label, Prediction, Hardness, Mistakenness)
        [pscustomobject]@{ ModuleBase = $run.Lines[0]; Version = $run.Lines[1]; Rows = $rows }
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
$package = & (Join-Path $env:FOB_REPO_ROOT 'build' 'Package.ps1') -ModuleFolder $env:FOB_STAGED -OutputFolder $env:FOB_REPOSITORY -InformationAction Ignore
$package.Name
(Get-PSResourceRepository | Sort-Object -Property Name | ForEach-Object Name) -join ','
'@
    Write-Information ('Package.ps1 (Publish-PSResource): {0:N1} s' -f ((Get-Date) - $started).TotalSeconds) -InformationAction Continue
}

AfterAll {
    # The stores live under TestDrive and go with it; unregistering keeps each step's own cleanup honest.
    if ($psResourceUser) { $null = Invoke-AsUser -User $psResourceUser -Command 'Unregister-PSResourceRepository -Name FobTest' }
    if ($powerShellGetUser) { $null = Invoke-AsUser -User $powerShellGetUser -Command 'Unregister-PSRepository -Name FobTest' }
    Write-Information ('Package tests: {0:N1} s in all' -f ((Get-Date) - $started).TotalSeconds) -InformationAction Continue
}

Describe 'FiftyOneBrain package' {
    Context 'build/Package.ps1' {
        It 'publishes the staged module with Publish-PSResource into the folder and unregisters its own repository' {
            $packageRun.ExitCode | Should -Be 0 -Because $packageRun.Stderr
            $packageRun.Lines | Should -Be "FiftyOneBrain.$version.nupkg", 'FobTest,PSGallery'
            Get-ChildItem -LiteralPath $repository -Force | ForEach-Object Name | Should -Be "FiftyOneBrain.$version.nupkg"
        }

        It 'writes the manifest''s metadata into the nuspec and carries help, model and natives' {
            Add-Type -AssemblyName System.IO.Compression.ZipFile
            $zip = [IO.Compression.ZipFile]::OpenRead((Join-Path $repository "FiftyOneBrain.$version.nupkg"))
            try {
                $reader = [IO.StreamReader]::new($zip.GetEntry('FiftyOneBrain.nuspec').Open())
                $nuspec = ([xml]$reader.ReadToEnd()).package.metadata
                $reader.Dispose()
                $entries = @($zip.Entries | ForEach-Object FullName)
            }
            finally { $zip.Dispose() }
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
            $entries | Should -Contain 'libtorch_cpu.so'
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

        It 'installs by name from the folder repository; a new pwsh imports it by name and scores samples' {
            $install.ExitCode | Should -Be 0 -Because $install.Stderr
            $install.Lines | Should -Be $version

            $scored = Invoke-ScoringInNewProcess -User $psResourceUser
            $scored.ModuleBase | Should -Be (Join-Path $psResourceUser.Modules 'FiftyOneBrain' $version)
            $scored.Version | Should -Be $version
            $scored.Rows.Count | Should -Be 20
            $scored.Rows | ForEach-Object { [double]$_.Hardness } | Should -BeGreaterOrEqual 0
            $scored.Rows | ForEach-Object { [double]$_.Hardness } | Should -BeLessOrEqual ([math]::Log(10))
            @($scored.Rows | Where-Object { $_.Label -eq $_.Prediction }).Count | Should -BeGreaterOrEqual 15
            # a right prediction is a low mistakenness, a wrong one a high one
            $scored.Rows | Where-Object { $_.Label -eq $_.Prediction } | ForEach-Object { [double]$_.Mistakenness } | Should -BeLessThan 0.5
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
            Get-ChildItem -LiteralPath $repository -Filter *.nupkg | ForEach-Object Name | Sort-Object |
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

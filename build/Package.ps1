<#
.SYNOPSIS
    Packs the staged modules (out/FiftyOneBrain and out/FiftyOneBrain.Training) into
    out/packages/FiftyOneBrain.<version>.nupkg and FiftyOneBrain.Training.<version>.nupkg with Publish-PSResource.
.DESCRIPTION
    Publish-PSResource only publishes to a registered repository, so this script registers a temporary
    folder repository, publishes the core module and then the training module into it (the training module's
    RequiredModules names the core, which must be on the module path and in the repository when it is
    published), moves the packages into -OutputFolder (replacing ones of the same version) and unregisters
    the repository again. Each .nuspec is the one Publish-PSResource writes from the manifest: id, version,
    authors, description, URIs, release notes, the tags PSModule plus the manifest's own Tags, and for the
    training module its dependency on FiftyOneBrain.
    The core package carries the natives of linux-x64, win-x64 and osx-arm64 under runtimes/<rid>/native/
    and the models; the training package carries TorchSharp and libtorch for linux-x64 (see README, "Install").
.EXAMPLE
    ./build.sh Package
.EXAMPLE
    ./build/Package.ps1 -OutputFolder ./my-repository
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $ModuleFolder = (Join-Path $PSScriptRoot '..' 'out' 'FiftyOneBrain'),
    [string] $TrainingModuleFolder = (Join-Path $PSScriptRoot '..' 'out' 'FiftyOneBrain.Training'),
    [string] $OutputFolder = (Join-Path $PSScriptRoot '..' 'out' 'packages')
)
$ErrorActionPreference = 'Stop'
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }

$folders = @(Convert-Path -LiteralPath $ModuleFolder, $TrainingModuleFolder)
$modules = foreach ($folder in $folders) {
    $name = Split-Path $folder -Leaf
    [pscustomobject]@{ Folder = $folder; Package = "$name.$((Import-PowerShellDataFile -Path (Join-Path $folder "$name.psd1")).ModuleVersion).nupkg" }
}
$OutputFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputFolder)
if (-not $PSCmdlet.ShouldProcess(($modules.Package | ForEach-Object { Join-Path $OutputFolder $_ }) -join ', ', 'Publish the staged modules as packages')) { return }
$null = New-Item -ItemType Directory -Path $OutputFolder -Force

# A repository folder beside the targets, so the final moves are renames on the same file system.
$staging = Join-Path $OutputFolder ".publish-$(New-Guid)"
$repository = "FiftyOneBrainPackage-$(New-Guid)"
$modulePath = $env:PSModulePath
$null = New-Item -ItemType Directory -Path $staging
try {
    # The training manifest's RequiredModules must resolve: the staged core goes first on the module path.
    $env:PSModulePath = (Split-Path $folders[0] -Parent) + [IO.Path]::PathSeparator + $modulePath
    Register-PSResourceRepository -Name $repository -Uri $staging -Trusted
    # All published before any moves: the training module's dependency is checked against the repository.
    foreach ($module in $modules) { Publish-PSResource -Path $module.Folder -Repository $repository }
    foreach ($module in $modules) {
        Move-Item -LiteralPath (Join-Path $staging $module.Package) -Destination (Join-Path $OutputFolder $module.Package) -Force
    }
}
finally {
    $env:PSModulePath = $modulePath
    if (Get-PSResourceRepository -Name $repository -ErrorAction Ignore) { Unregister-PSResourceRepository -Name $repository }
    Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore
}
foreach ($module in $modules) {
    $package = Get-Item -LiteralPath (Join-Path $OutputFolder $module.Package)
    Write-Information ('Packed {0} ({1:N0} MB)' -f $package.FullName, ($package.Length / 1MB))
    $package
}

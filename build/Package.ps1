<#
.SYNOPSIS
    Packs the staged module (out/FiftyOneBrain) into out/packages/FiftyOneBrain.<version>.nupkg with
    Publish-PSResource.
.DESCRIPTION
    Publish-PSResource only publishes to a registered repository, so this script registers a temporary
    folder repository, publishes the staged module into it, moves the package into -OutputFolder (replacing
    one of the same version) and unregisters the repository again. The .nuspec is the one Publish-PSResource
    writes from the manifest: id, version, authors, description, URIs, release notes and the tags PSModule
    plus the manifest's own Tags. It writes no PSCmdlet_/PSCommand_/PSIncludes_Cmdlet tags (PowerShellGet 2's
    Publish-Module did) and has no parameter to add them.
    Install-PSResource and Install-Module unpack the package into a folder on PSModulePath; the natives it
    carries are linux-x64 (see README, "Install").
.EXAMPLE
    ./build.sh Package
.EXAMPLE
    ./build/Package.ps1 -OutputFolder ./my-repository
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $ModuleFolder = (Join-Path $PSScriptRoot '..' 'out' 'FiftyOneBrain'),
    [string] $OutputFolder = (Join-Path $PSScriptRoot '..' 'out' 'packages')
)
$ErrorActionPreference = 'Stop'
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }

$ModuleFolder = Convert-Path -LiteralPath $ModuleFolder
$manifest = Test-ModuleManifest -Path (Join-Path $ModuleFolder 'FiftyOneBrain.psd1')
$packageName = "FiftyOneBrain.$($manifest.Version).nupkg"
$OutputFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputFolder)
$target = Join-Path $OutputFolder $packageName
if (-not $PSCmdlet.ShouldProcess($target, 'Publish the staged module as a package')) { return }
$null = New-Item -ItemType Directory -Path $OutputFolder -Force

# A repository folder beside the target, so the final move is a rename on the same file system.
$staging = Join-Path $OutputFolder ".publish-$(New-Guid)"
$repository = "FiftyOneBrainPackage-$(New-Guid)"
$null = New-Item -ItemType Directory -Path $staging
try {
    Register-PSResourceRepository -Name $repository -Uri $staging -Trusted
    Publish-PSResource -Path $ModuleFolder -Repository $repository
    Move-Item -LiteralPath (Join-Path $staging $packageName) -Destination $target -Force
}
finally {
    if (Get-PSResourceRepository -Name $repository -ErrorAction Ignore) { Unregister-PSResourceRepository -Name $repository }
    Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore
}
$package = Get-Item -LiteralPath $target
Write-Information ('Packed {0} ({1:N0} MB)' -f $package.FullName, ($package.Length / 1MB))
$package

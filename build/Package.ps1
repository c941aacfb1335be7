<#
.SYNOPSIS
    Packs the staged module (out/FiftyOneBrain) into a PowerShell Gallery style .nupkg.
.DESCRIPTION
    The package has the module files at its root, a .nuspec whose tags follow the Gallery's
    conventions (PSModule, PSCmdlet_<name>, PSEdition_Core), and the OPC parts NuGet expects.
    Install-Module / Install-PSResource unpack such a package into a folder on PSModulePath;
    the natives it carries are linux-x64 (see README, "Packaging").
#>
param(
    [string] $ModuleFolder = [IO.Path]::Combine($PSScriptRoot, '..', 'out', 'FiftyOneBrain'),
    [string] $OutputFolder = [IO.Path]::Combine($PSScriptRoot, '..', 'out', 'packages'),
    [ValidateSet('Optimal', 'Fastest', 'SmallestSize')] [string] $CompressionLevel = 'Optimal'
)
$ErrorActionPreference = 'Stop'
[void][System.Reflection.Assembly]::Load('System.IO.Compression')  # Add-Type is not in every host
$ModuleFolder = [IO.Path]::GetFullPath($ModuleFolder)
$level = [System.IO.Compression.CompressionLevel]$CompressionLevel
$manifest = Test-ModuleManifest ([IO.Path]::Combine($ModuleFolder, 'FiftyOneBrain.psd1'))
$data = $manifest.PrivateData.PSData
$version = $manifest.Version.ToString()
$esc = { param($s) [System.Security.SecurityElement]::Escape("$s") }
$cmdlets = @($manifest.ExportedCmdlets.Keys | ForEach-Object { $_ })
$tags = @($data.Tags) + 'PSModule' + 'PSIncludes_Cmdlet' + ($cmdlets | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" })

$nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>FiftyOneBrain</id>
    <version>$version</version>
    <authors>$(& $esc $manifest.Author)</authors>
    <owners>$(& $esc $manifest.CompanyName)</owners>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <licenseUrl>$(& $esc $data.LicenseUri)</licenseUrl>
    <projectUrl>$(& $esc $data.ProjectUri)</projectUrl>
    <description>$(& $esc $manifest.Description)</description>
    <releaseNotes>$(& $esc $data.ReleaseNotes)</releaseNotes>
    <copyright>$(& $esc $manifest.Copyright)</copyright>
    <tags>$(& $esc ($tags -join ' '))</tags>
  </metadata>
</package>
"@
$contentTypes = @"
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Default Extension="psmdcp" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />
  <Default Extension="nuspec" ContentType="application/octet" />
  <Override PartName="/" ContentType="application/octet" />
</Types>
"@
$coreId = [guid]::NewGuid().ToString('N')
$rels = @"
<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/FiftyOneBrain.nuspec" Id="R1" />
  <Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/package/services/metadata/core-properties/$coreId.psmdcp" Id="R2" />
</Relationships>
"@
$core = @"
<?xml version="1.0" encoding="utf-8"?>
<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">
  <dc:creator>$(& $esc $manifest.Author)</dc:creator>
  <dc:description>$(& $esc $manifest.Description)</dc:description>
  <dc:identifier>FiftyOneBrain</dc:identifier>
  <version>$version</version>
  <keywords>$(& $esc ($tags -join ' '))</keywords>
</coreProperties>
"@

[void][IO.Directory]::CreateDirectory($OutputFolder)
$target = [IO.Path]::GetFullPath([IO.Path]::Combine($OutputFolder, "FiftyOneBrain.$version.nupkg"))
$temp = "$target.tmp"
$stream = [IO.File]::Create($temp)
try {
    $zip = [System.IO.Compression.ZipArchive]::new($stream, 'Create')
    $addText = { param($name, $text)
        $entry = $zip.CreateEntry($name, $level)
        $w = [IO.StreamWriter]::new($entry.Open(), [Text.UTF8Encoding]::new($false)); $w.Write($text); $w.Dispose() }
    & $addText 'FiftyOneBrain.nuspec' $nuspec
    & $addText '[Content_Types].xml' $contentTypes
    & $addText '_rels/.rels' $rels
    & $addText "package/services/metadata/core-properties/$coreId.psmdcp" $core
    foreach ($file in [IO.Directory]::EnumerateFiles($ModuleFolder, '*', 'AllDirectories')) {
        $relative = [IO.Path]::GetRelativePath($ModuleFolder, $file).Replace('\', '/')
        $entry = $zip.CreateEntry($relative, $level)
        # Keep the executable bits of the natives (Unix permissions live in the high 16 bits).
        $entry.ExternalAttributes = [int]([IO.File]::GetUnixFileMode($file)) -shl 16
        $in = [IO.File]::OpenRead($file); $out = $entry.Open()
        $in.CopyTo($out); $out.Dispose(); $in.Dispose()
    }
    $zip.Dispose()
}
finally { $stream.Dispose() }
[IO.File]::Move($temp, $target, $true)
[IO.FileInfo]::new($target)
[Console]::WriteLine("Packed $target ($([math]::Round(([IO.FileInfo]$target).Length / 1MB)) MB)")

<#
.SYNOPSIS
    Builds the module's MAML help from docs/help/*.md and the cmdlets' own metadata.
.DESCRIPTION
    Text (synopsis, description, parameter text, examples) comes from the Markdown sources;
    syntax, parameter types, positions, mandatory and pipeline input come from Get-Command on the
    staged module, so help never drifts from the code. Runs after staging (see the module csproj).
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SourceFolder,
    [Parameter(Mandatory)] [string] $OutputFolder
)
$ErrorActionPreference = 'Stop'
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Read-HelpSource([string] $Path) {
    $doc = @{ Sections = [ordered]@{}; Parameters = [ordered]@{}; Examples = [System.Collections.Generic.List[object]]::new() }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        $text = ($buffer -join "`n").Trim()
        if ($section -eq 'PARAMETERS' -and $sub) { $doc.Parameters[$sub.TrimStart('-')] = $text }
        elseif ($section -eq 'EXAMPLES' -and $sub) {
            $code = [regex]::Match($text, '```(?:powershell)?\s*\n(?<c>.*?)\n```', 'Singleline')
            $doc.Examples.Add([pscustomobject]@{ Title = $sub; Code = $code.Groups['c'].Value; Remarks = $text.Substring($code.Index + $code.Length).Trim() })
        }
        elseif ($section -and -not $sub) { $doc.Sections[$section] = $text }
        $buffer.Clear()
    }
    $inFence = $false
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        if ($line.StartsWith('```')) { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if (-not $inFence -and $line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if (-not $inFence -and $line -match '^# ') { continue }
        $buffer.Add($line)
    }
    & $flush
    $doc
}

function Write-Paras($w, [string] $ns, [string] $text) {
    foreach ($para in ($text -split "`n\s*`n")) {
        if ($para.Trim()) { $w.WriteElementString('para', $ns, ($para.Trim() -replace '\s*\n\s*', ' ')) }
    }
}

Import-Module $ModuleManifest -Force
$module = Get-Module FiftyOneBrain
[void][IO.Directory]::CreateDirectory($OutputFolder)
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$settings = [System.Xml.XmlWriterSettings]::new(); $settings.Indent = $true
$target = [IO.Path]::Combine($OutputFolder, 'FiftyOneBrain.dll-Help.xml')
$temp = "$target.tmp"
$w = [System.Xml.XmlWriter]::Create($temp, $settings)
$w.WriteStartElement('helpItems', 'http://msh'); $w.WriteAttributeString('schema', 'maml')
foreach ($name in ($module.ExportedCmdlets.Keys | ForEach-Object { $_ })) {
    $source = [IO.Path]::Combine($SourceFolder, "$name.md")
    if (-not [IO.File]::Exists($source)) { [Console]::Error.WriteLine("warning: no help source for $name ($source)"); continue }
    $doc = Read-HelpSource $source
    $info = Get-Command $name
    $verb, $noun = $name -split '-', 2
    $w.WriteStartElement('command', 'command', $cmd)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml); $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('details', $cmd)
    $w.WriteElementString('name', $cmd, $name); $w.WriteElementString('verb', $cmd, $verb); $w.WriteElementString('noun', $cmd, $noun)
    $w.WriteStartElement('description', $maml); Write-Paras $w $maml $doc.Sections['SYNOPSIS']; $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('description', $maml); Write-Paras $w $maml $doc.Sections['DESCRIPTION']; $w.WriteEndElement()

    $writeParameter = {
        param($p, $set)
        $w.WriteStartElement('parameter', $cmd)
        $w.WriteAttributeString('required', "$($set.IsMandatory)".ToLowerInvariant())
        $w.WriteAttributeString('globbing', 'false')
        $pipe = @(); if ($set.ValueFromPipeline) { $pipe += 'ByValue' }; if ($set.ValueFromPipelineByPropertyName) { $pipe += 'ByPropertyName' }
        $w.WriteAttributeString('pipelineInput', $(if ($pipe) { "true ($($pipe -join ', '))" } else { 'false' }))
        $w.WriteAttributeString('position', $(if ($set.Position -ge 0) { "$($set.Position)" } else { 'named' }))
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        $w.WriteElementString('name', $maml, $p.Name)
        $w.WriteStartElement('description', $maml); Write-Paras $w $maml $doc.Parameters[$p.Name]; $w.WriteEndElement()
        $type = $p.ParameterType
        if ($type -ne [System.Management.Automation.SwitchParameter]) {
            $w.WriteStartElement('parameterValue', $cmd); $w.WriteAttributeString('required', 'true'); $w.WriteString($type.Name); $w.WriteEndElement()
            $w.WriteStartElement('type', $dev); $w.WriteElementString('name', $maml, $type.FullName); $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    $w.WriteStartElement('syntax', $cmd)
    foreach ($set in $info.ParameterSets) {
        $w.WriteStartElement('syntaxItem', $cmd); $w.WriteElementString('name', $maml, $name)
        foreach ($sp in $set.Parameters) {
            if ($common -contains $sp.Name) { continue }
            & $writeParameter $info.Parameters[$sp.Name] $sp
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('parameters', $cmd)
    foreach ($p in $info.Parameters.Values) {
        if ($common -contains $p.Name) { continue }
        $setInfo = $info.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object Name -eq $p.Name
        & $writeParameter $p @($setInfo)[0]
    }
    $w.WriteEndElement()

    foreach ($pair in @(@('inputTypes', 'inputType', 'INPUTS'), @('returnValues', 'returnValue', 'OUTPUTS'))) {
        $text = $doc.Sections[$pair[2]]
        if (-not $text) { continue }
        $w.WriteStartElement($pair[0], $cmd); $w.WriteStartElement($pair[1], $cmd)
        $w.WriteStartElement('type', $dev); $w.WriteElementString('name', $maml, ($text -split "`n")[0].Trim()); $w.WriteEndElement()
        $w.WriteStartElement('description', $maml); Write-Paras $w $maml ((($text -split "`n")[1..99]) -join "`n"); $w.WriteEndElement()
        $w.WriteEndElement(); $w.WriteEndElement()
    }
    if ($doc.Sections['NOTES']) {
        $w.WriteStartElement('alertSet', $maml); $w.WriteStartElement('alert', $maml); Write-Paras $w $maml $doc.Sections['NOTES']; $w.WriteEndElement(); $w.WriteEndElement()
    }
    $w.WriteStartElement('examples', $cmd)
    foreach ($ex in $doc.Examples) {
        $w.WriteStartElement('example', $cmd)
        $w.WriteElementString('title', $maml, "-------------------------- $($ex.Title) --------------------------")
        $w.WriteElementString('code', $dev, $ex.Code)
        $w.WriteStartElement('remarks', $dev); Write-Paras $w $maml $ex.Remarks; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement(); $w.Close()
[IO.File]::Move($temp, $target, $true)

$about = [IO.Path]::Combine($SourceFolder, 'about_FiftyOneBrain.md')
if ([IO.File]::Exists($about)) {
    [IO.File]::WriteAllText([IO.Path]::Combine($OutputFolder, 'about_FiftyOneBrain.help.txt'), [IO.File]::ReadAllText($about))
}

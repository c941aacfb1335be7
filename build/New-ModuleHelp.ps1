<#
.SYNOPSIS
    Builds the module's MAML help from docs/help/*.md and the cmdlets' own metadata.
.DESCRIPTION
    Text (synopsis, description, parameter text, defaults, examples) comes from the Markdown sources;
    syntax, parameter types, positions, mandatory, pipeline input and accepted values come from
    Get-Command on the staged module, so help never drifts from the code. Runs after staging (see the
    module csproj). Markdown lists become one line per item; a parameter's default is the text after
    "Default:" (or "Default value:") in its Markdown; switches default to False and mandatory parameters to None.
    HTML comments (such as the example markers read by tests/Help.Tests.ps1) are left out of the help.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SourceFolder,
    [Parameter(Mandatory)] [string] $OutputFolder
)
$ErrorActionPreference = 'Stop'
# -WhatIf and -Confirm are documented like any other parameter, as first-party help does.
$common = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
$standardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Read-HelpSource {
    param([string] $Path)
    $doc = @{ Sections = [ordered]@{}; Parameters = [ordered]@{}; Examples = [System.Collections.Generic.List[object]]::new() }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        $text = (($buffer -join "`n") -replace '(?s)<!--.*?-->', '').Trim()
        if ($section -eq 'PARAMETERS' -and $sub) { $doc.Parameters[$sub.TrimStart('-')] = $text }
        elseif ($section -eq 'EXAMPLES' -and $sub) {
            $code = [regex]::Match($text, '```(?:powershell)?\s*\n(?<c>.*?)\n```', 'Singleline')
            $doc.Examples.Add([pscustomobject]@{ Title = $sub; Code = $code.Groups['c'].Value; Remarks = $text.Substring($code.Index + $code.Length).Trim() })
        }
        elseif ($section -and -not $sub) { $doc.Sections[$section] = $text }
        $buffer.Clear()
    }
    $inFence = $false
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line.StartsWith('```')) { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if (-not $inFence -and $line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if (-not $inFence -and $line -match '^# ') { continue }
        $buffer.Add($line)
    }
    & $flush
    $doc
}

function ConvertTo-HelpParagraph {
    # Markdown text -> paragraphs: prose lines join into one line (the console wraps it); a bullet or
    # numbered list becomes one paragraph with one line per item, so the items stay apart.
    param([string] $Text)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $current = $null; $last = $null
    foreach ($line in ($Text -split "`n")) {
        if (-not $line.Trim()) { $current = $null; continue }
        if ($line -match '^\s*(?<bullet>[-*+]|\d+[.)])\s+(?<item>.*)$') {
            # A blank line between two items does not end the list.
            if (-not $current -and $last -and $last.Kind -eq 'List') { $current = $last }
            if (-not $current -or $current.Kind -ne 'List') { $current = @{ Kind = 'List'; Lines = [System.Collections.Generic.List[string]]::new() }; $blocks.Add($current) }
            $bullet = $Matches['bullet']; $item = $Matches['item'].Trim()
            if ($bullet -notmatch '\d') { $bullet = '-' }
            $current.Lines.Add("$bullet $item")
        }
        elseif ($current -and $current.Kind -eq 'List') { $current.Lines[-1] += ' ' + $line.Trim() }
        else {
            if (-not $current) { $current = @{ Kind = 'Para'; Lines = [System.Collections.Generic.List[string]]::new() }; $blocks.Add($current) }
            $current.Lines.Add($line.Trim())
        }
        $last = $current
    }
    foreach ($block in $blocks) { $block.Lines -join $(if ($block.Kind -eq 'List') { "`n" } else { ' ' }) }
}

function Write-Paragraph {
    param($Writer, [string] $Text)
    foreach ($para in ConvertTo-HelpParagraph $Text) { $Writer.WriteElementString('para', $maml, $para) }
}

function Get-DefaultValue {
    param($Parameter, [string] $Text, [bool] $Mandatory)
    if (($Text -replace '\s+', ' ') -match 'Default(?: value)?: (?<v>.+?)(?:\.(?: |$)|$)') { return ($Matches['v'] -replace '`', '').Trim() }
    if ($Parameter.SwitchParameter) { return 'False' }
    if ($Mandatory) { return 'None' }
    Write-Warning "$name -$($Parameter.Name): its Markdown states no 'Default:'"
    ''
}

function Get-AcceptedValue {
    param($Parameter)
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return $set.ValidValues }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    if ($type.IsEnum) { return [enum]::GetNames($type) }
}

function Get-DisplayOrder {
    # The order of Get-Command -Syntax: positional by position, then mandatory, then the rest, -WhatIf/-Confirm last.
    param($ParameterSet)
    $ParameterSet.Parameters | Where-Object { $common -notcontains $_.Name } | Sort-Object -Stable -Property `
        @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } },
        @{ Expression = { -not $_.IsMandatory } },
        @{ Expression = { $standardText.ContainsKey($_.Name) } }
}

function Write-Parameter {
    param($Writer, $Parameter, $SetParameter, [string] $Description, [string] $Default, [switch] $Syntax)
    $Writer.WriteStartElement('parameter', $cmd)
    $Writer.WriteAttributeString('required', "$($SetParameter.IsMandatory)".ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', 'false')
    $pipe = @(if ($SetParameter.ValueFromPipeline) { 'ByValue' }; if ($SetParameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    $Writer.WriteAttributeString('pipelineInput', $(if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' }))
    $Writer.WriteAttributeString('position', $(if ($SetParameter.Position -ge 0) { "$($SetParameter.Position)" } else { 'named' }))
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('name', $maml, $Parameter.Name)
    $Writer.WriteStartElement('description', $maml); Write-Paragraph $Writer $Description; $Writer.WriteEndElement()
    $values = @(Get-AcceptedValue $Parameter)
    if ($Syntax -and $values) {
        $Writer.WriteStartElement('parameterValueGroup', $cmd)
        foreach ($value in $values) {
            $Writer.WriteStartElement('parameterValue', $cmd); $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false'); $Writer.WriteString($value); $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    $type = $Parameter.ParameterType
    if (-not $Parameter.SwitchParameter) {
        $Writer.WriteStartElement('parameterValue', $cmd); $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', "$($type.IsArray)".ToLowerInvariant()); $Writer.WriteString($type.Name); $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('type', $dev); $Writer.WriteElementString('name', $maml, $type.FullName); $Writer.WriteEndElement()
    $Writer.WriteElementString('defaultValue', $dev, $Default)
    $Writer.WriteEndElement()
}

function Write-TypeSection {
    # INPUTS / OUTPUTS: blocks separated by a blank line, each a type name on its first line and its description after.
    param($Writer, [string] $Text, [string] $Outer, [string] $Inner)
    if (-not $Text) { return }
    $Writer.WriteStartElement($Outer, $cmd)
    foreach ($block in ($Text -split "`n\s*`n")) {
        $lines = @($block.Trim() -split "`n")
        $Writer.WriteStartElement($Inner, $cmd)
        $Writer.WriteStartElement('type', $dev); $Writer.WriteElementString('name', $maml, $lines[0].Trim()); $Writer.WriteEndElement()
        $Writer.WriteStartElement('description', $maml); Write-Paragraph $Writer ($lines | Select-Object -Skip 1 | Join-String -Separator "`n"); $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

$module = Import-Module $ModuleManifest -Force -PassThru
$null = New-Item -ItemType Directory -Path $OutputFolder -Force
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$settings = [System.Xml.XmlWriterSettings]::new(); $settings.Indent = $true
$target = Join-Path $OutputFolder "$($module.RootModule)-Help.xml"
$temp = "$target.tmp"
$w = [System.Xml.XmlWriter]::Create($temp, $settings)
$w.WriteStartElement('helpItems', 'http://msh'); $w.WriteAttributeString('schema', 'maml')
foreach ($name in $module.ExportedCmdlets.Keys) {
    # The core's placeholders for the training cmdlets get their help from FiftyOneBrain.Training.
    if ($module.ExportedCmdlets[$name].ImplementingType.BaseType.Name -eq 'TrainingModuleRequiredCommand') { continue }
    $source = Join-Path $SourceFolder "$name.md"
    if (-not (Test-Path -LiteralPath $source)) { Write-Warning "no help source for $name ($source)"; continue }
    $doc = Read-HelpSource $source
    $info = Get-Command $name
    $verb, $noun = $name -split '-', 2
    $w.WriteStartElement('command', 'command', $cmd)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml); $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('details', $cmd)
    $w.WriteElementString('name', $cmd, $name); $w.WriteElementString('verb', $cmd, $verb); $w.WriteElementString('noun', $cmd, $noun)
    $w.WriteStartElement('description', $maml); Write-Paragraph $w $doc.Sections['SYNOPSIS']; $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('description', $maml); Write-Paragraph $w $doc.Sections['DESCRIPTION']; $w.WriteEndElement()

    $parameters = $info.Parameters.Values | Where-Object { $common -notcontains $_.Name }
    $described = @{}
    foreach ($p in $parameters) {
        $text = $doc.Parameters[$p.Name]
        if (-not $text) { $text = $standardText[$p.Name] }
        $mandatory = @($p.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count -eq 0
        $described[$p.Name] = @{ Text = $text; Default = Get-DefaultValue -Parameter $p -Text $text -Mandatory $mandatory }
    }

    $w.WriteStartElement('syntax', $cmd)
    foreach ($set in $info.ParameterSets) {
        $w.WriteStartElement('syntaxItem', $cmd); $w.WriteElementString('name', $maml, $name)
        foreach ($sp in Get-DisplayOrder $set) {
            $entry = $described[$sp.Name]
            Write-Parameter -Writer $w -Parameter $info.Parameters[$sp.Name] -SetParameter $sp -Description $entry.Text -Default $entry.Default -Syntax
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # Parameters in the order the Markdown documents them, then any it leaves out.
    $ordered = @($doc.Parameters.Keys | Where-Object { $info.Parameters.ContainsKey($_) -and $common -notcontains $_ }) +
        @($parameters.Name | Where-Object { -not $doc.Parameters.Contains($_) })
    $w.WriteStartElement('parameters', $cmd)
    foreach ($parameterName in $ordered) {
        $p = $info.Parameters[$parameterName]
        $setParameter = $info.ParameterSets.Parameters | Where-Object Name -EQ $parameterName | Select-Object -First 1
        $entry = $described[$parameterName]
        Write-Parameter -Writer $w -Parameter $p -SetParameter $setParameter -Description $entry.Text -Default $entry.Default
    }
    $w.WriteEndElement()

    Write-TypeSection -Writer $w -Text $doc.Sections['INPUTS'] -Outer 'inputTypes' -Inner 'inputType'
    Write-TypeSection -Writer $w -Text $doc.Sections['OUTPUTS'] -Outer 'returnValues' -Inner 'returnValue'
    if ($doc.Sections['NOTES']) {
        $w.WriteStartElement('alertSet', $maml); $w.WriteStartElement('alert', $maml); Write-Paragraph $w $doc.Sections['NOTES']; $w.WriteEndElement(); $w.WriteEndElement()
    }
    $w.WriteStartElement('examples', $cmd)
    foreach ($ex in $doc.Examples) {
        $w.WriteStartElement('example', $cmd)
        $w.WriteElementString('title', $maml, "-------------------------- $($ex.Title) --------------------------")
        $w.WriteElementString('code', $dev, $ex.Code)
        # The closing empty paragraph keeps a blank line before the next example, as in first-party help.
        $w.WriteStartElement('remarks', $dev); Write-Paragraph $w $ex.Remarks; $w.WriteElementString('para', $maml, ''); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteStartElement('relatedLinks', $maml)
    $w.WriteStartElement('navigationLink', $maml); $w.WriteElementString('linkText', $maml, 'about_FiftyOneBrain'); $w.WriteElementString('uri', $maml, ''); $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement(); $w.Close()
Move-Item -LiteralPath $temp -Destination $target -Force

$about = Join-Path $SourceFolder "about_$($module.Name).md"
if (Test-Path -LiteralPath $about) {
    Copy-Item -LiteralPath $about -Destination (Join-Path $OutputFolder "about_$($module.Name).help.txt")
}

using System.Management.Automation;

namespace FoHost;

/// <summary>
/// The NuGet engine ships without Microsoft.PowerShell.Commands.Utility; scripts of this repo only
/// need Write-Host and Write-Output from it, so the host defines those when the engine lacks them.
/// </summary>
internal static class Polyfills
{
    private const string Script = """
        if (-not (Get-Command Write-Host -ErrorAction Ignore)) {
            function global:Write-Host {
                param([Parameter(Position = 0, ValueFromRemainingArguments)] [object[]] $Object, [switch] $NoNewline, $ForegroundColor, $BackgroundColor, $Separator = ' ')
                $text = ($Object | ForEach-Object { "$_" }) -join $Separator
                if ($NoNewline) { [Console]::Write($text) } else { [Console]::WriteLine($text) }
            }
        }
        if (-not (Get-Command Write-Error -ErrorAction Ignore)) {
            function global:Write-Error {
                [CmdletBinding()] param([Parameter(Position = 0, ValueFromRemainingArguments)] [object[]] $Message, [string] $ErrorId = 'ScriptError')
                $record = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new(($Message -join ' ')), $ErrorId, 'NotSpecified', $null)
                $PSCmdlet.WriteError($record)
            }
        }
        if (-not (Get-Command Write-Output -ErrorAction Ignore)) {
            function global:Write-Output { param([Parameter(Position = 0, ValueFromPipeline, ValueFromRemainingArguments)] $InputObject) process { $InputObject } }
        }
        """;

    public static void Define(PowerShell ps)
    {
        ps.AddScript(Script).Invoke();
        ps.Commands.Clear();
    }
}

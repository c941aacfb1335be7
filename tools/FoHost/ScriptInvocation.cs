namespace FoHost;

/// <summary>Turns a command line into `& 'script' -Name value ...` keeping `-Name` tokens as parameter names.</summary>
internal static class ScriptInvocation
{
    public static string Build(string scriptPath, IEnumerable<string> arguments)
    {
        var parts = new List<string> { "&", Quote(scriptPath) };
        foreach (var a in arguments)
            parts.Add(a.Length > 1 && a[0] == '-' && char.IsLetter(a[1]) && !a.Contains(' ') ? a : Quote(a));
        return string.Join(' ', parts) + "; if ($global:LASTEXITCODE) { exit $global:LASTEXITCODE }";
    }

    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";
}

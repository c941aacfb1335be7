<#
    Debian's chromium driven headless through chromedriver's W3C WebDriver HTTP API on a loopback port, for the
    gallery's browser tests. The flags keep Chromium off the (closed) network, so it neither waits on nor floods
    refused connections. Start-HeadlessChromium returns the browser every other function takes; always pair it
    with Stop-HeadlessChromium (in AfterAll).
#>

$chromiumPath = '/usr/bin/chromium'
$chromedriverPath = '/usr/bin/chromedriver'
# The W3C name of the property that carries an element's id.
$webElementKey = 'element-6066-11e4-a52e-4f735466cecf'

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Invoke-WebDriver {
    <#
    .SYNOPSIS
        Sends one WebDriver command and returns its value; a failed command throws with WebDriver's error and message.
    #>
    param(
        [Parameter(Mandatory)] [string] $BaseUri,
        [Parameter(Mandatory)] [ValidateSet('Get', 'Post', 'Delete')] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [object] $Body
    )
    $request = @{ Uri = "$BaseUri/$Path"; Method = $Method; TimeoutSec = 60; SkipHttpErrorCheck = $true; StatusCodeVariable = 'status' }
    # chromedriver wants a JSON body with a Content-Length on every POST, even an empty one.
    if ($Method -eq 'Post') {
        $request.ContentType = 'application/json'
        $request.Body = ConvertTo-Json -InputObject ($null -eq $Body ? @{} : $Body) -Depth 10 -Compress
    }
    $response = Invoke-RestMethod @request
    if ($status -ge 400) {
        throw "WebDriver $Method $Path failed ($status): $($response.value.error) $($response.value.message)"
    }
    $response.value
}

function Invoke-BrowserCommand {
    # A command within the browser's WebDriver session.
    param(
        [Parameter(Mandatory)] [pscustomobject] $Browser,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [object] $Body
    )
    Invoke-WebDriver -BaseUri $Browser.BaseUri -Method $Method -Path "session/$($Browser.SessionId)/$Path" -Body $Body
}

function Start-HeadlessChromium {
    <#
    .SYNOPSIS
        Starts chromedriver on a free loopback port and a headless Chromium with a fresh profile under it.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([int] $Width = 1280, [int] $Height = 900)
    foreach ($path in $chromiumPath, $chromedriverPath) {
        if (-not (Test-Path $path)) {
            throw "$path is missing: the gallery's browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; ./build.sh Test installs them)."
        }
    }
    if (-not $PSCmdlet.ShouldProcess($chromiumPath, 'Start headless')) { return }
    $profileDir = (New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "fo-chromium-$(New-Guid)")).FullName
    $port = Get-FreeLoopbackPort
    $driver = Start-Process -FilePath $chromedriverPath -ArgumentList "--port=$port", '--silent', '--allowed-ips=127.0.0.1' -PassThru `
        -RedirectStandardOutput (Join-Path $profileDir 'chromedriver.out') -RedirectStandardError (Join-Path $profileDir 'chromedriver.err')
    $browser = [pscustomobject]@{ Driver = $driver; BaseUri = "http://127.0.0.1:$port"; SessionId = $null; ProfileDir = $profileDir }
    try {
        $deadline = (Get-Date).AddSeconds(15)
        while (-not (Test-WebDriverReady $browser.BaseUri)) {
            if ($driver.HasExited) { throw "chromedriver exited with code $($driver.ExitCode)." }
            if ((Get-Date) -gt $deadline) { throw 'chromedriver did not become ready in 15 s.' }
            Start-Sleep -Milliseconds 50
        }
        $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage', '--disable-crash-reporter',
            '--disable-breakpad', '--hide-scrollbars', "--window-size=$Width,$Height", "--user-data-dir=$(Join-Path $profileDir 'profile')")
        $capabilities = @{ capabilities = @{ alwaysMatch = @{
                    browserName          = 'chrome'
                    'goog:chromeOptions' = @{ binary = $chromiumPath; args = $arguments } } } }
        $browser.SessionId = (Invoke-WebDriver -BaseUri $browser.BaseUri -Method Post -Path 'session' -Body $capabilities).sessionId
    }
    catch {
        Stop-HeadlessChromium $browser
        throw
    }
    $browser
}

function Test-WebDriverReady([string] $BaseUri) {
    try { [bool](Invoke-RestMethod -Uri "$BaseUri/status" -TimeoutSec 5).value.ready }
    catch { $false }
}

function Stop-HeadlessChromium {
    <#
    .SYNOPSIS
        Ends the WebDriver session (which closes Chromium), then chromedriver, then any Chromium process still
        running on this browser's profile, and removes the profile.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0)] [AllowNull()] [pscustomobject] $Browser)
    if ($null -eq $Browser -or -not $PSCmdlet.ShouldProcess($Browser.BaseUri, 'Stop headless Chromium')) { return }
    if ($Browser.SessionId) {
        try { $null = Invoke-WebDriver -BaseUri $Browser.BaseUri -Method Delete -Path "session/$($Browser.SessionId)" }
        catch { Write-Warning "Could not end the WebDriver session: $_" }
    }
    if (-not $Browser.Driver.HasExited) { Stop-Process -Id $Browser.Driver.Id -Force -ErrorAction SilentlyContinue }
    $null = $Browser.Driver.WaitForExit(5000)
    Get-Process -Name 'chrom*' -ErrorAction SilentlyContinue | Where-Object { $_.CommandLine -like "*$($Browser.ProfileDir)*" } |
        ForEach-Object { Stop-Process -Id $_.Id -Force -ErrorAction SilentlyContinue }
    Remove-Item -Path $Browser.ProfileDir -Recurse -Force -ErrorAction SilentlyContinue
}

function Open-BrowserPage {
    # Loads the page; returns when its load event has fired (WebDriver's navigation waits for it).
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [Parameter(Mandatory)] [string] $Path)
    $null = Invoke-BrowserCommand -Browser $Browser -Method Post -Path 'url' -Body @{ url = [uri]::new($Path).AbsoluteUri }
}

function Invoke-BrowserScript {
    # Runs script in the page (a function body; `return` gives the result).
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [Parameter(Mandatory)] [string] $Script)
    Invoke-BrowserCommand -Browser $Browser -Method Post -Path 'execute/sync' -Body @{ script = $Script; args = @() }
}

function Wait-BrowserCondition {
    # Polls until the script returns true, or throws after the timeout.
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [Parameter(Mandatory)] [string] $Script, [timespan] $Timeout = [timespan]::FromSeconds(10))
    $deadline = (Get-Date) + $Timeout
    while ((Invoke-BrowserScript $Browser $Script) -ne $true) {
        if ((Get-Date) -gt $deadline) { throw "The page never satisfied: $Script" }
        Start-Sleep -Milliseconds 25
    }
}

function Find-BrowserElement {
    # The WebDriver ids of the elements the CSS selector matches; without -All, the first one (or an error).
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [Parameter(Mandatory)] [string] $Selector, [switch] $All)
    $by = @{ using = 'css selector'; value = $Selector }
    if ($All) { Invoke-BrowserCommand -Browser $Browser -Method Post -Path 'elements' -Body $by | ForEach-Object $webElementKey }
    else { (Invoke-BrowserCommand -Browser $Browser -Method Post -Path 'element' -Body $by).$webElementKey }
}

function Invoke-BrowserClick {
    # Clicks the middle of the element (the first one the selector matches, or the one with -Id).
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [string] $Selector, [string] $Id)
    if (-not $Id) { $Id = Find-BrowserElement $Browser $Selector }
    $null = Invoke-BrowserCommand -Browser $Browser -Method Post -Path "element/$Id/click"
}

function Get-BrowserText {
    # The element's rendered text (the first one the selector matches, or the one with -Id).
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [string] $Selector, [string] $Id)
    if (-not $Id) { $Id = Find-BrowserElement $Browser $Selector }
    Invoke-BrowserCommand -Browser $Browser -Method Get -Path "element/$Id/text"
}

function Get-BrowserAttribute {
    # The element's attribute (the first one the selector matches, or the one with -Id).
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [string] $Selector, [Parameter(Mandatory)] [string] $Name, [string] $Id)
    if (-not $Id) { $Id = Find-BrowserElement $Browser $Selector }
    Invoke-BrowserCommand -Browser $Browser -Method Get -Path "element/$Id/attribute/$Name"
}

function Save-BrowserScreenshot {
    # Writes what the browser's viewport shows as a PNG and returns the file.
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [Parameter(Mandatory)] [string] $Path)
    $png = [Convert]::FromBase64String((Invoke-BrowserCommand -Browser $Browser -Method Get -Path 'screenshot'))
    Set-Content -Path $Path -Value $png -AsByteStream
    Get-Item $Path
}

function Invoke-BrowserDrag {
    # Presses the left button at one viewport point, moves to another and releases it (WebDriver pointer actions).
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [Parameter(Mandatory)] [double[]] $From, [Parameter(Mandatory)] [double[]] $To)
    $move = { param($p, $ms) @{ type = 'pointerMove'; duration = $ms; origin = 'viewport'; x = [int][math]::Round($p[0]); y = [int][math]::Round($p[1]) } }
    $mouse = @{
        type = 'pointer'; id = 'mouse'; parameters = @{ pointerType = 'mouse' }
        actions = @((& $move $From 0), @{ type = 'pointerDown'; button = 0 }, (& $move $To 150), @{ type = 'pointerUp'; button = 0 })
    }
    $null = Invoke-BrowserCommand -Browser $Browser -Method Post -Path 'actions' -Body @{ actions = @($mouse) }
    $null = Invoke-BrowserCommand -Browser $Browser -Method Delete -Path 'actions'
}

function Invoke-BrowserPath {
    # Presses the left button at the first viewport point, moves through the others and releases it at the last.
    param([Parameter(Mandatory)] [pscustomobject] $Browser, [Parameter(Mandatory)] [object[]] $Point)
    $move = { param($p, $ms) @{ type = 'pointerMove'; duration = $ms; origin = 'viewport'; x = [int][math]::Round($p[0]); y = [int][math]::Round($p[1]) } }
    $steps = @((& $move $Point[0] 0), @{ type = 'pointerDown'; button = 0 })
    $steps += foreach ($p in $Point[1..($Point.Count - 1)]) { & $move $p 120 }
    $steps += @{ type = 'pointerUp'; button = 0 }
    $mouse = @{ type = 'pointer'; id = 'mouse'; parameters = @{ pointerType = 'mouse' }; actions = $steps }
    $null = Invoke-BrowserCommand -Browser $Browser -Method Post -Path 'actions' -Body @{ actions = @($mouse) }
    $null = Invoke-BrowserCommand -Browser $Browser -Method Delete -Path 'actions'
}

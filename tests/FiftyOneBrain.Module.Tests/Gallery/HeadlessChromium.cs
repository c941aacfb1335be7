using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FiftyOneBrain.ModuleTests.Gallery;

/// <summary>
/// Debian's chromium driven headless through chromedriver's W3C WebDriver HTTP API on a loopback port.
/// The flags keep Chromium off the (closed) network, so it neither waits on nor floods refused connections.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";
    private const string ElementKey = "element-6066-11e4-a52e-4f735466cecf";

    private readonly Process _driver;
    private readonly HttpClient _http;
    private readonly string? _session;
    private readonly string _profile = Directory.CreateTempSubdirectory("fo-chromium-").FullName;

    public const int Width = 1280, Height = 900;

    public HeadlessChromium()
    {
        foreach (var path in new[] { ChromiumPath, DriverPath })
            if (!File.Exists(path))
                throw new InvalidOperationException($"{path} is missing: the gallery's browser tests need Debian's chromium and chromium-driver " +
                    "(`apt-get install -y chromium chromium-driver`; `./build.sh Test` installs them).");

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(DriverPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"--port={port}", "--silent", "--allowed-ips=127.0.0.1" }) start.ArgumentList.Add(arg);
        _driver = Process.Start(start)!;
        _driver.OutputDataReceived += (_, _) => { };
        _driver.ErrorDataReceived += (_, _) => { };
        _driver.BeginOutputReadLine();
        _driver.BeginErrorReadLine();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            WaitUntilReady();
            var capabilities = new JsonObject
            {
                ["capabilities"] = new JsonObject
                {
                    ["alwaysMatch"] = new JsonObject
                    {
                        ["browserName"] = "chrome",
                        ["goog:chromeOptions"] = new JsonObject
                        {
                            ["binary"] = ChromiumPath,
                            ["args"] = new JsonArray(
                                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--disable-dev-shm-usage", "--disable-crash-reporter", "--disable-breakpad", "--hide-scrollbars", $"--window-size={Width},{Height}",
                                $"--user-data-dir={_profile}"),
                        },
                    },
                },
            };
            _session = Send(HttpMethod.Post, "session", capabilities)!["sessionId"]!.GetValue<string>();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Loads the page and returns when its load event has fired (WebDriver's navigation waits for it).</summary>
    public void Navigate(string url) => Command(HttpMethod.Post, "url", new JsonObject { ["url"] = url });

    /// <summary>Runs script in the page (a function body; `return` gives the result).</summary>
    public JsonNode? Execute(string script, params object[] args)
    {
        var array = new JsonArray(args.Select(a => a is Element e ? e.ToJson() : JsonSerializer.SerializeToNode(a)).ToArray<JsonNode?>());
        return Command(HttpMethod.Post, "execute/sync", new JsonObject { ["script"] = script, ["args"] = array });
    }

    public Element Find(string css) => new(this, Command(HttpMethod.Post, "element", By(css))![ElementKey]!.GetValue<string>());

    public IReadOnlyList<Element> FindAll(string css) =>
        Command(HttpMethod.Post, "elements", By(css))!.AsArray().Select(e => new Element(this, e![ElementKey]!.GetValue<string>())).ToList();

    public void SaveScreenshot(string path) =>
        File.WriteAllBytes(path, Convert.FromBase64String(Command(HttpMethod.Get, "screenshot")!.GetValue<string>()));

    /// <summary>Polls until the script returns true, or fails with what it last returned.</summary>
    public void WaitFor(string script, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Execute(script)?.GetValue<bool>() != true)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"The page never satisfied: {script}");
            Thread.Sleep(25);
        }
    }

    private static JsonObject By(string css) => new() { ["using"] = "css selector", ["value"] = css };

    internal JsonNode? Command(HttpMethod method, string path, JsonNode? body = null) =>
        Send(method, $"session/{_session}/{path}", body);

    private JsonNode? Send(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        // chromedriver's HTTP server wants a Content-Length, not a chunked body.
        if (body is not null || method == HttpMethod.Post)
            request.Content = new StringContent((body ?? new JsonObject()).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = _http.Send(request);
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var value = JsonNode.Parse(text)?["value"];
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"WebDriver {method} {path} failed ({(int)response.StatusCode}): {value?["error"]} {value?["message"]}");
        return value;
    }

    private void WaitUntilReady()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (Send(HttpMethod.Get, "status")?["ready"]?.GetValue<bool>() == true) return;
            }
            catch (HttpRequestException) { }
            if (_driver.HasExited) throw new InvalidOperationException($"chromedriver exited with code {_driver.ExitCode}.");
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("chromedriver did not become ready in 15 s.");
            Thread.Sleep(50);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (_session is not null) Send(HttpMethod.Delete, $"session/{_session}");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException) { }
        _http.Dispose();
        if (!_driver.HasExited) _driver.Kill(entireProcessTree: true);
        _driver.WaitForExit(5000);
        _driver.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { } // Chromium may still be releasing its profile files
    }

    /// <summary>A DOM element as WebDriver refers to it.</summary>
    public sealed record Element(HeadlessChromium Browser, string Id)
    {
        public void Click() => Browser.Command(HttpMethod.Post, $"element/{Id}/click");
        public string Text => Browser.Command(HttpMethod.Get, $"element/{Id}/text")!.GetValue<string>();
        public void SendKeys(string text) => Browser.Command(HttpMethod.Post, $"element/{Id}/value", new JsonObject { ["text"] = text });
        public string? Attribute(string name) => Browser.Command(HttpMethod.Get, $"element/{Id}/attribute/{name}")?.GetValue<string>();
        public Element Find(string css) => new(Browser, Browser.Command(HttpMethod.Post, $"element/{Id}/element", By(css))![ElementKey]!.GetValue<string>());
        internal JsonObject ToJson() => new() { [ElementKey] = Id };
    }
}

using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace RealVision.Service.Tests.Support;

/// <summary>Runs only when Debian's Chromium is installed at /usr/bin/chromium.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HeadlessChromium.Executable))
        {
            Skip = $"Chromium is not installed at {HeadlessChromium.Executable}; install the Debian package chromium to run the web page test.";
        }
    }
}

/// <summary>
/// Headless Chromium driven over the DevTools protocol: one page, commands sent as JSON over its
/// WebSocket. Chromium runs with a fresh profile and no background network traffic.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private int nextId;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        string profile = TestData.NewFolder("chromium");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile}",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1200,1000", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var browser = new HeadlessChromium(Process.Start(start)!, profile);
        browser.process.BeginOutputReadLine();
        browser.process.BeginErrorReadLine();

        // Chromium writes the port it picked into DevToolsActivePort in the profile folder.
        string portFile = Path.Combine(profile, "DevToolsActivePort");
        var stopwatch = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(30) || browser.process.HasExited)
            {
                throw new InvalidOperationException("Chromium did not open its DevTools port within 30 s.");
            }

            await Task.Delay(50);
        }

        int port = int.Parse(File.ReadAllLines(portFile)[0]);
        using var http = new HttpClient();
        JsonArray targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        string pageSocket = (string)targets.First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!;
        await browser.socket.ConnectAsync(new Uri(pageSocket), CancellationToken.None);
        return browser;
    }

    /// <summary>Sends one DevTools command and returns its result, skipping events that arrive meanwhile.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        int id = Interlocked.Increment(ref nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            JsonObject reply = await ReceiveAsync(timeout.Token);
            if ((int?)reply["id"] != id)
            {
                continue;
            }

            if (reply["error"] is JsonNode error)
            {
                throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
            }

            return reply["result"]!.AsObject();
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        JsonObject result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        });
        if (result["exceptionDetails"] is JsonNode exception)
        {
            throw new InvalidOperationException($"JavaScript failed: {exception.ToJsonString()}");
        }

        return result["result"]!["value"];
    }

    /// <summary>Clicks the centre of the element <paramref name="selector"/> with mouse events, as a user would.</summary>
    public async Task ClickAsync(string selector)
    {
        JsonNode box = (await EvaluateAsync(
            $"(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect(); return {{ x: r.x + r.width / 2, y: r.y + r.height / 2 }}; }})()"))!;
        foreach (string type in new[] { "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", new JsonObject
            {
                ["type"] = type,
                ["x"] = (double)box["x"]!,
                ["y"] = (double)box["y"]!,
                ["button"] = "left",
                ["clickCount"] = 1,
            });
        }
    }

    /// <summary>Focuses an input and types <paramref name="text"/> into it.</summary>
    public async Task TypeAsync(string selector, string text)
    {
        await ClickAsync(selector);
        await SendAsync("Input.insertText", new JsonObject { ["text"] = text });
    }

    /// <summary>Chooses <paramref name="path"/> in the file input <paramref name="selector"/>.</summary>
    public async Task SetFileAsync(string selector, string path)
    {
        JsonObject document = await SendAsync("DOM.getDocument");
        JsonObject node = await SendAsync("DOM.querySelector", new JsonObject
        {
            ["nodeId"] = (int)document["root"]!["nodeId"]!,
            ["selector"] = selector,
        });
        await SendAsync("DOM.setFileInputFiles", new JsonObject
        {
            ["nodeId"] = (int)node["nodeId"]!,
            ["files"] = new JsonArray(path),
        });
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        JsonObject shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String((string)shot["data"]!);
    }

    private async Task<JsonObject> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(message.ToArray())!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The browser may already have closed the connection.
        }

        socket.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        TestData.DeleteFolder(profile);
    }
}

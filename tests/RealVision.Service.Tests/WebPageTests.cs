using System.Diagnostics;
using System.Text.Json.Nodes;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>The web page in headless Chromium: type the key, choose cubetest.rvwj, click Slice, see the preview.</summary>
public sealed class WebPageTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture service;

    public WebPageTests(ServiceFixture service)
    {
        this.service = service;
    }

    [ChromiumFact]
    public async Task UploadProgressAndPreview()
    {
        await using HeadlessChromium browser = await HeadlessChromium.StartAsync();
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = service.BaseUri.AbsoluteUri });
        await WaitForAsync(browser, "document.readyState === 'complete' && !!document.getElementById('submit')", TimeSpan.FromSeconds(20));

        await browser.TypeAsync("#key", service.KeyA.SubscriptionKey);
        await browser.SetFileAsync("#file", TestData.PathOf("cubetest.rvwj"));
        await browser.ClickAsync("#submit");

        await WaitForAsync(browser, "document.getElementById('status').textContent === 'completed'", TimeSpan.FromSeconds(60));
        await WaitForAsync(browser, "document.getElementById('preview').dataset.segments > 0", TimeSpan.FromSeconds(10));

        Assert.Equal(1.0, (double)(await browser.EvaluateAsync("document.getElementById('progress').value"))!);
        Assert.Equal("", (string?)await browser.EvaluateAsync("document.getElementById('message').textContent"));
        Assert.Equal("cubetest.gcode", (string?)await browser.EvaluateAsync("document.getElementById('download').download"));
        Assert.False((bool)(await browser.EvaluateAsync("document.getElementById('preview-panel').hidden"))!);

        // The canvas must hold drawn lines: count pixels that are not white.
        const string countInk = """
            (() => {
              const canvas = document.getElementById('preview');
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let ink = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i] < 200 || data[i + 1] < 200) { ink++; }
              }
              return ink;
            })()
            """;
        int ink = (int)(await browser.EvaluateAsync(countInk))!;
        Assert.True(ink > 1000, $"only {ink} drawn pixels in the preview");

        string summary = (string)(await browser.EvaluateAsync("document.getElementById('summary').textContent"))!;
        Assert.Contains("layers", summary);
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "web-page-preview.png"), await browser.ScreenshotAsync());
    }

    private static async Task WaitForAsync(HeadlessChromium browser, string condition, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < limit)
        {
            if (await browser.EvaluateAsync($"!!({condition})") is JsonNode value && (bool)value)
            {
                return;
            }

            await Task.Delay(100);
        }

        string status = (string?)await browser.EvaluateAsync("document.getElementById('status')?.textContent + ' ' + document.getElementById('message')?.textContent") ?? "";
        Assert.Fail($"'{condition}' did not become true within {limit.TotalSeconds} s; page status: {status}");
    }
}

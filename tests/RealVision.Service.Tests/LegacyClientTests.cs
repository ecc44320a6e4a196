using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RealVision.Client;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>
/// Replays the request shapes of the existing REALvision clients: the Node demos (camelCase JSON, a
/// base URL ending in "/", POST DownloadFile?taskId= with a body), the C# demos (PascalCase,
/// pretty-printed JSON, the workspace as a string with CRLF, ?taskid=, GET DownloadFile with and
/// without a body), the workspace generator's lower-case names and the STL upload variant.
/// </summary>
public sealed class LegacyClientTests : IClassFixture<ServiceFixture>
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };
    private readonly ServiceFixture service;

    public LegacyClientTests(ServiceFixture service)
    {
        this.service = service;
    }

    [Fact]
    public async Task NodeWorkspaceClientFlow()
    {
        using HttpClient http = service.Http(service.KeyA);
        string prefix = "REALvision/";

        // The Node clients join "{baseUrl}/Name", so a base ending in "/" yields "//Name".
        JsonObject activation = await PostJsonAsync(http, prefix + "/GetActivationStatus", "{}");
        Assert.Equal("true", (string?)activation["result"]!["activated"]);
        Assert.Equal(JsonValueKind.String, activation["apiVersion"]!.GetValueKind());

        var body = new JsonObject
        {
            ["file"] = new JsonObject { ["FileName"] = "cubetest.rvwj", ["WsConfigs"] = JsonNode.Parse(TestData.Text("cubetest.rvwj")) },
            ["supportType"] = "n",
            ["printerModel"] = "IdeaWerk-Speed",
            ["configPresetName"] = "Recommended",
            ["configFile"] = "",
        };
        JsonObject provided = await PostJsonAsync(http, prefix + "/ProvideFile", body.ToJsonString());
        string taskId = (string)provided["result"]!["taskId"]!;

        string progress = await PollProgressAsync(http, prefix + "/GetProgress", $"{{\"taskId\":\"{taskId}\"}}");
        Assert.Equal("1", progress);

        JsonObject info = await PostJsonAsync(http, prefix + "/GetPrintingInformation", $"{{\"taskId\":\"{taskId}\"}}");
        JsonObject printing = info["result"]!.AsObject();
        foreach (string member in new[] { "time", "length", "weight" })
        {
            Assert.Equal(JsonValueKind.String, printing[member]!.GetValueKind());
            bool parsed = double.TryParse((string)printing[member]!, System.Globalization.CultureInfo.InvariantCulture, out double value);
            Assert.True(parsed, $"{member} = {printing[member]}");
            Assert.True(value > 0, $"{member} = {printing[member]}");
        }

        using var download = new HttpRequestMessage(HttpMethod.Post, $"{prefix}/DownloadFile?taskId={taskId}")
        {
            Content = new StringContent($"{{\"taskId\":\"{taskId}\"}}", Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await http.SendAsync(download);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string disposition = response.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.Equal("attachment; filename=cubetest.gcode", disposition);
        Assert.Contains(";Input: cubetest.rvwj", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CSharpClientWithTypedWorkspace()
    {
        using HttpClient http = service.Http(service.KeyA);

        // C1 re-serialises the workspace through its classes: PascalCase, pretty-printed, "FileName": null
        // in metaData and SlicingPriority dropped, and always names it calical.rvwj.
        JsonObject workspace = JsonNode.Parse(TestData.Text("cubetest.rvwj"))!.AsObject();
        foreach (JsonNode? model in workspace["Models"]!.AsArray())
        {
            JsonObject meta = model!["metaData"]!.AsObject();
            meta["FileName"] = null;
            meta.Remove("SlicingPriority");
        }

        var body = new JsonObject
        {
            ["File"] = new JsonObject { ["FileName"] = "calical.rvwj", ["WsConfigs"] = workspace },
            ["SupportType"] = "n",
            ["PrinterModel"] = "IdeaWerk-Speed",
            ["ConfigPresetName"] = "Recommended",
        };
        JsonObject provided = await PostJsonAsync(http, "ProvideFile", body.ToJsonString(Pretty));
        string taskId = (string)provided["result"]!["taskId"]!;

        // C1 requests printing information right after one GetProgress, possibly before the end.
        await PostJsonAsync(http, "GetProgress", JsonSerializer.Serialize(new { TaskId = taskId }, Pretty));
        JsonObject early = await PostJsonAsync(http, "GetPrintingInformation", JsonSerializer.Serialize(new { TaskId = taskId }, Pretty));
        Assert.NotNull(early["result"]);
        Assert.Equal("1", await PollProgressAsync(http, "GetProgress", JsonSerializer.Serialize(new { TaskId = taskId }, Pretty)));

        // C1 POSTs ?taskid= with {}; .NET keeps quotes of a quoted file name, so the name must come unquoted.
        using var post = new HttpRequestMessage(HttpMethod.Post, $"DownloadFile?taskid={taskId}")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("calical.gcode", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
    }

    [Fact]
    public async Task CSharpClientWithWorkspaceString()
    {
        using HttpClient http = service.Http(service.KeyB);

        // C2 sends the file's text as a JSON string, with CRLF line ends, under the /v0.1/ prefix.
        string text = TestData.Text("cubetest.rvwj").Replace("\r\n", "\n").Replace("\n", "\r\n");
        var body = new JsonObject
        {
            ["File"] = new JsonObject { ["FileName"] = "cubetest.rvwj", ["WsConfigs"] = text },
            ["SupportType"] = "n",
            ["PrinterModel"] = "IdeaWerk-Speed",
            ["ConfigPresetName"] = "Recommended",
        };
        JsonObject provided = await PostJsonAsync(http, "v0.1/ProvideFile", body.ToJsonString(Pretty));
        string taskId = (string)provided["result"]!["taskId"]!;
        Assert.Equal("1", await PollProgressAsync(http, "v0.1/GetProgress", JsonSerializer.Serialize(new { TaskId = taskId }, Pretty)));

        // C2: GET ?taskid= carrying the JSON body {}.
        using var getWithBody = new HttpRequestMessage(HttpMethod.Get, $"v0.1/DownloadFile?taskid={taskId}")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage withBody = await http.SendAsync(getWithBody);
        Assert.Equal(HttpStatusCode.OK, withBody.StatusCode);
        Assert.Equal("cubetest.gcode", withBody.Content.Headers.ContentDisposition!.FileName);
        byte[] first = await withBody.Content.ReadAsByteArrayAsync();

        // C3 from f17ccb7: GET ?taskid= without a body.
        using HttpResponseMessage plain = await http.GetAsync($"v0.1/DownloadFile?taskid={taskId}");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(first, await plain.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GeneratorLowerCaseNamesAccepted()
    {
        using HttpClient http = service.Http(service.KeyB);
        var body = new JsonObject
        {
            ["file"] = new JsonObject { ["filename"] = "calicat.json", ["wsconfigs"] = TestData.Text("calicat.rvwj") },
            ["supporttype"] = "n",
            ["printermodel"] = "IdeaWerk-Speed",
            ["configpresetname"] = "Recommended",
            ["configfile"] = new JsonObject(),
        };
        JsonObject provided = await PostJsonAsync(http, "v1/provideFILE", body.ToJsonString());
        string taskId = (string)provided["result"]!["taskId"]!;
        Assert.Equal("1", await PollProgressAsync(http, "v1/getprogress", $"{{\"TASKID\":\"{taskId}\"}}"));
        using HttpResponseMessage response = await http.GetAsync($"v1/downloadfile?TaskId={taskId}");
        Assert.Equal("calicat.gcode", response.Content.Headers.ContentDisposition!.FileName);
    }

    [Fact]
    public async Task StlClientFlow()
    {
        using HttpClient http = service.Http(service.KeyC);
        JsonObject activation = await PostJsonAsync(http, "GetActivationStatus", "{}");
        Assert.Equal("true", (string?)activation["result"]!["activated"]);

        // C3: multipart with a FileName text part and a file part without a content type.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("calicat.stl"), "FileName" },
        };
        var file = new ByteArrayContent(TestData.Bytes("calicat.stl"));
        form.Add(file, "file", "calicat.stl");
        using HttpResponseMessage uploaded = await http.PostAsync("UploadFile", form);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        string fileId = (string)JsonNode.Parse(await uploaded.Content.ReadAsStringAsync())!["result"]!["fileId"]!;

        var start = new JsonObject
        {
            ["Filename"] = "calicat",
            ["FileId"] = fileId,
            ["SupportType"] = "n",
            ["PrinterModel"] = "IdeaWerk-Speed",
            ["ConfigPresetName"] = "Recommended",
            ["Position"] = new JsonObject { ["X"] = 0, ["Y"] = 0, ["Z"] = 0 },
            ["Rotation"] = new JsonObject { ["X"] = 0, ["Y"] = 0, ["Z"] = 0 },
            ["Scale"] = new JsonObject { ["X"] = 1, ["Y"] = 1, ["Z"] = 1 },
        };
        JsonObject started = await PostJsonAsync(http, "StartSlicingTask", start.ToJsonString(Pretty));
        string taskId = (string)started["result"]!["taskId"]!;
        Assert.Equal("1", await PollProgressAsync(http, "GetProgress", JsonSerializer.Serialize(new { TaskId = taskId })));
        using HttpResponseMessage response = await http.GetAsync($"DownloadFile?taskid={taskId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("calicat.gcode", response.Content.Headers.ContentDisposition!.FileName);
    }

    [Fact]
    public async Task StlTransformIsApplied()
    {
        using RealVisionClient client = service.Client(service.KeyC);
        string fileId = await client.UploadFileAsync("calicat.stl", TestData.Bytes("calicat.stl"));
        using HttpClient http = service.Http(service.KeyC);
        var start = new JsonObject
        {
            ["filename"] = "calicat.stl",
            ["fileId"] = fileId,
            ["supportType"] = "n",
            ["printerModel"] = "CR-10",
            ["configPresetName"] = "Recommended",
            ["configFile"] = "",
            ["position"] = new JsonObject { ["x"] = 100, ["y"] = 120, ["z"] = 0 },
            ["rotation"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["z"] = 90 },
            ["scale"] = new JsonObject { ["x"] = "0.5", ["y"] = "0.5", ["z"] = "0.5" },
        };
        JsonObject started = await PostJsonAsync(http, "StartSlicingTask", start.ToJsonString());
        string taskId = (string)started["result"]!["taskId"]!;
        SlicingTask done = await client.WaitForCompletionAsync(taskId);
        Assert.Equal(TaskStatuses.Completed, done.Status);

        // The half-size cat (about 14 x 14 x 17.5 mm) is placed around x 100 + 14.5, y 120 + 14.
        string gcode = Encoding.UTF8.GetString((await client.DownloadAsync(taskId)).Content);
        double minX = Header(gcode, "MINX"), maxX = Header(gcode, "MAXX"), minY = Header(gcode, "MINY"), maxY = Header(gcode, "MAXY");
        Assert.InRange((minX + maxX) / 2, 105, 125);
        Assert.InRange((minY + maxY) / 2, 125, 145);
        Assert.InRange(maxX - minX, 8, 22);
        Assert.InRange(done.PrintingInformation!.Layers ?? 0, 80, 95);
    }

    [Fact]
    public async Task MultipartFormClientGetsPlainText()
    {
        using HttpClient http = service.Http(service.KeyA);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestData.Bytes("cubetest.rvwj")), "file", "cubetest.rvwj" },
            { new StringContent("n"), "supportType" },
            { new StringContent("IdeaWerk-Speed"), "printerModel" },
            { new StringContent("Recommended"), "configPresetName" },
            { new ByteArrayContent(Array.Empty<byte>()), "configFile" },
        };
        using HttpResponseMessage provided = await http.PostAsync("ProvideFile", form);
        Assert.Equal(HttpStatusCode.OK, provided.StatusCode);
        string taskId = await provided.Content.ReadAsStringAsync();
        Assert.True(Guid.TryParse(taskId, out _), taskId);

        string progress = "";
        for (int i = 0; i < 600 && progress != "1"; i++)
        {
            using var poll = new MultipartFormDataContent { { new StringContent(taskId), "uniqueID" } };
            using HttpResponseMessage reply = await http.PostAsync("GetProgress", poll);
            progress = await reply.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }

        Assert.Equal("1", progress);
    }

    [Fact]
    public async Task TokenEndpointAzureShape()
    {
        using var http = new HttpClient { BaseAddress = service.BaseUri };
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent("client_credentials"), "grant_type" },
            { new StringContent(service.KeyA.ClientId), "client_id" },
            { new StringContent(service.KeyA.ClientSecret), "client_secret" },
            { new StringContent("https://api.example.test/"), "resource" },
        };
        using HttpResponseMessage reply = await http.PostAsync("oauth2/token", multipart);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        JsonObject token = JsonNode.Parse(await reply.Content.ReadAsStringAsync())!.AsObject();
        foreach (string member in new[] { "token_type", "expires_in", "ext_expires_in", "expires_on", "not_before", "resource", "access_token" })
        {
            Assert.Equal(JsonValueKind.String, token[member]!.GetValueKind());
        }

        Assert.Equal("Bearer", (string?)token["token_type"]);
        Assert.Equal("3600", (string?)token["expires_in"]);
        Assert.Equal("https://api.example.test/", (string?)token["resource"]);
        long expiresOn = long.Parse((string)token["expires_on"]!);
        Assert.InRange(expiresOn - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3601);

        using var urlencoded = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = service.KeyA.ClientId,
            ["client_secret"] = service.KeyA.ClientSecret,
        });
        using HttpResponseMessage prefixed = await http.PostAsync("REALvision//oauth2/token", urlencoded);
        Assert.Equal(HttpStatusCode.OK, prefixed.StatusCode);

        using var wrong = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = service.KeyA.ClientId,
            ["client_secret"] = "not the secret",
        });
        using HttpResponseMessage rejected = await http.PostAsync("oauth2/token", wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        JsonObject error = JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("invalid_client", (string?)error["error"]);
        Assert.Equal("AUTH001", (string?)error["errorCode"]);

        // Without strict mode the Authorization header is ignored, even N1's "Bearer [object Object]".
        using var odd = new HttpRequestMessage(HttpMethod.Post, "GetActivationStatus") { Content = new StringContent("{}") };
        odd.Headers.Add(RealVisionClient.SubscriptionKeyHeader, service.KeyA.SubscriptionKey);
        odd.Headers.TryAddWithoutValidation("Authorization", "Bearer [object Object]");
        using HttpResponseMessage accepted = await http.SendAsync(odd);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static double Header(string gcode, string name)
    {
        string line = gcode.Split('\n').First(l => l.StartsWith($";{name}:", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 2)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonObject> PostJsonAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(path, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls like the Node clients until the text is exactly "1" or "-1"; every reply's progress must be a string.</summary>
    private static async Task<string> PollProgressAsync(HttpClient http, string path, string json)
    {
        for (int i = 0; i < 1200; i++)
        {
            JsonObject reply = await PostJsonAsync(http, path, json);
            JsonNode progress = reply["result"]!["progress"]!;
            Assert.Equal(JsonValueKind.String, progress.GetValueKind());
            string text = (string)progress!;
            if (text is "1" or "-1")
            {
                return text;
            }

            double value = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(value, 0, 0.9999);
            await Task.Delay(50);
        }

        throw new TimeoutException($"{path} never reached 1 or -1");
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RealVision.Client;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>Every error code with a request that triggers it, and the portal's error object around it.</summary>
public sealed class ErrorCodeTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture service;

    public ErrorCodeTests(ServiceFixture service)
    {
        this.service = service;
    }

    public static TheoryData<string, string, string, HttpStatusCode> BadRpcBodies => new()
    {
        { "ProvideFile", "", "URE000", HttpStatusCode.BadRequest },
        { "ProvideFile", "{ not json", "URE000", HttpStatusCode.BadRequest },
        { "ProvideFile", "{\"printerModel\": \"IdeaWerk-Speed\"}", "URE000", HttpStatusCode.BadRequest },
        { "ProvideFile", "[1, 2]", "URE000", HttpStatusCode.BadRequest },
        { "ProvideFile", "{\"file\": {\"FileName\": \"cube.rvwj\", \"WsConfigs\": {\"Printer\": {}}}}", "URE000", HttpStatusCode.BadRequest },
        { "ProvideFile", "{\"file\": {\"FileName\": \"cube.obj\", \"WsConfigs\": {}}}", "URE001", HttpStatusCode.BadRequest },
        { "GetProgress", "{}", "URE000", HttpStatusCode.BadRequest },
        { "GetProgress", "{\"taskId\": \"not-a-guid\"}", "URE005", HttpStatusCode.BadRequest },
        { "GetProgress", "{\"taskId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}", "URE005", HttpStatusCode.NotFound },
        { "GetPrintingInformation", "{\"taskId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}", "URE005", HttpStatusCode.NotFound },
        { "CancelSlicing", "{\"taskId\": \"12\"}", "URE005", HttpStatusCode.BadRequest },
        { "DownloadFile", "{\"taskId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}", "URE005", HttpStatusCode.NotFound },
        { "StartSlicingTask", "{\"filename\": \"cat.stl\"}", "URE000", HttpStatusCode.BadRequest },
        { "StartSlicingTask", "{\"filename\": \"cat.stl\", \"fileId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}", "URE006", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadRpcBodies))]
    public async Task RpcErrorCodes(string endpoint, string body, string code, HttpStatusCode status)
    {
        using HttpClient http = service.Http(service.KeyA);
        using HttpResponseMessage response = await http.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        await Requests.AssertErrorAsync(response, status, code);
    }

    [Fact]
    public async Task UnknownPrinterIsUre003()
    {
        using HttpClient http = service.Http(service.KeyA);
        using HttpResponseMessage printer = await http.PostAsync("ProvideFile", Requests.ProvideFile("cubetest.rvwj", printer: "Unknown 9000"));
        await Requests.AssertErrorAsync(printer, HttpStatusCode.NotFound, "URE003");
        using HttpResponseMessage preset = await http.PostAsync("ProvideFile", Requests.ProvideFile("cubetest.rvwj", preset: "Draft"));
        await Requests.AssertErrorAsync(preset, HttpStatusCode.NotFound, "URE003");
    }

    [Fact]
    public async Task ConfigurationErrors()
    {
        using HttpClient http = service.Http(service.KeyA);
        using HttpResponseMessage wrongExtension = await http.PostAsync("ws/tasks", Requests.Form("cubetest.rvwj", ("configFile", "printer.txt", "<Workstation/>"u8.ToArray())));
        await Requests.AssertErrorAsync(wrongExtension, HttpStatusCode.BadRequest, "URE002");

        using HttpResponseMessage empty = await http.PostAsync("ws/tasks", Requests.Form("cubetest.rvwj", ("configFile", "printer.xml", Array.Empty<byte>())));
        await Requests.AssertErrorAsync(empty, HttpStatusCode.BadRequest, "URE004");

        JsonObject body = JsonNode.Parse(await Requests.ProvideFile("cubetest.rvwj").ReadAsStringAsync())!.AsObject();
        body["configFile"] = new JsonObject { ["FileName"] = "printer.xml", ["Content"] = "  \n" };
        using HttpResponseMessage blank = await http.PostAsync("ProvideFile", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        await Requests.AssertErrorAsync(blank, HttpStatusCode.BadRequest, "URE004");

        // An empty string is what the Node clients always send: no configuration, no error.
        body["configFile"] = "";
        using HttpResponseMessage none = await http.PostAsync("ProvideFile", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task OwnConfigurationIsUsed()
    {
        const string xml = """
            <Workstation version="1">
              <Printer name="Test Box" output="gcode" flavor="marlin">
                <Bed x="200" y="200" z="200"/>
                <Extruder nozzle="0.4" filament="1.75"/>
              </Printer>
              <Preset name="Recommended"><Layer height="0.3" first="0.3"/></Preset>
            </Workstation>
            """;
        using RealVisionClient client = service.Client(service.KeyA);
        SlicingTask task = await client.SubmitTaskAsync(new TaskRequest
        {
            Model = TestData.Model("cubetest.rvwj"),
            Config = new TaskFile("box.xml", Encoding.UTF8.GetBytes(xml)),
        });
        SlicingTask done = await client.WaitForCompletionAsync(task.TaskId);
        Assert.Equal(TaskStatuses.Completed, done.Status);
        string gcode = Encoding.UTF8.GetString((await client.DownloadAsync(task.TaskId)).Content);
        Assert.Contains(";Printer: Test Box", gcode);
        Assert.Contains("layer_height = 0.3", gcode);
    }

    [Fact]
    public async Task TaskIdInUseIsUre007()
    {
        using HttpClient http = service.Http(service.KeyA);
        string taskId = Guid.NewGuid().ToString();
        using HttpResponseMessage first = await http.PostAsync("ProvideFile", Requests.ProvideFile("cubetest.rvwj", taskId: taskId));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(taskId, (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["result"]!["taskId"]);

        using HttpResponseMessage second = await http.PostAsync("ProvideFile", Requests.ProvideFile("cubetest.rvwj", taskId: taskId.ToUpperInvariant()));
        await Requests.AssertErrorAsync(second, HttpStatusCode.BadRequest, "URE007");

        using HttpClient other = service.Http(service.KeyB);
        using HttpResponseMessage otherKey = await other.PostAsync("ProvideFile", Requests.ProvideFile("cubetest.rvwj", taskId: taskId));
        await Requests.AssertErrorAsync(otherKey, HttpStatusCode.BadRequest, "URE007");

        using HttpResponseMessage malformed = await http.PostAsync("ProvideFile", Requests.ProvideFile("cubetest.rvwj", taskId: "task-1"));
        await Requests.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "URE005");
    }

    [Fact]
    public async Task ResultNotReadyIsUre006()
    {
        using RealVisionClient client = service.Client(service.KeyB);
        SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("calicat.rvwj"), Settings = TestData.SlowSettings() });
        using HttpClient http = service.Http(service.KeyB);
        using HttpResponseMessage early = await http.GetAsync($"DownloadFile?taskId={task.TaskId}");
        await Requests.AssertErrorAsync(early, HttpStatusCode.NotFound, "URE006");
        using HttpResponseMessage rest = await http.GetAsync($"ws/tasks/{task.TaskId}/download");
        await Requests.AssertErrorAsync(rest, HttpStatusCode.NotFound, "URE006");

        // While running, printing information is 200 with empty strings.
        using HttpResponseMessage info = await http.PostAsync("GetPrintingInformation", new StringContent($"{{\"taskId\":\"{task.TaskId}\"}}"));
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("", (string?)JsonNode.Parse(await info.Content.ReadAsStringAsync())!["result"]!["time"]);
        await client.CancelSlicingAsync(task.TaskId);
    }

    [Fact]
    public async Task FailedSliceIsSf000()
    {
        // The cube moved 200 mm along X lies outside the IdeaWerk-Speed's 150 mm plate: the engine rejects it while slicing.
        JsonObject workspace = JsonNode.Parse(TestData.Text("cubetest.rvwj"))!.AsObject();
        foreach (JsonNode? model in workspace["Models"]!.AsArray())
        {
            foreach (JsonNode? vertex in model!["ModelPositions"]!.AsArray())
            {
                vertex!["X"] = (double)vertex["X"]! + 200;
            }
        }

        using RealVisionClient client = service.Client(service.KeyA);
        string taskId = await client.ProvideFileAsync("outside.rvwj", workspace.ToJsonString(), "IdeaWerk-Speed");
        SlicingTask failed = await client.WaitForCompletionAsync(taskId);
        Assert.Equal(TaskStatuses.Failed, failed.Status);
        Assert.Equal("URE000", failed.ErrorCode);
        Assert.False(string.IsNullOrEmpty(failed.ErrorMessage));
        Assert.Equal(-1, failed.Progress);
        Assert.Equal("-1", await client.GetProgressAsync(taskId));

        using HttpClient http = service.Http(service.KeyA);
        using HttpResponseMessage info = await http.PostAsync("GetPrintingInformation", new StringContent($"{{\"taskId\":\"{taskId}\"}}"));
        await Requests.AssertErrorAsync(info, HttpStatusCode.InternalServerError, "SF000");
        using HttpResponseMessage download = await http.GetAsync($"DownloadFile?taskid={taskId}");
        await Requests.AssertErrorAsync(download, HttpStatusCode.InternalServerError, "SF000");
    }

    [Fact]
    public async Task InvalidSettingsAreRv001()
    {
        using RealVisionClient client = service.Client(service.KeyA);
        var tooTall = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest
        {
            Model = TestData.Model("cubetest.rvwj"),
            Settings = new Dictionary<string, object> { ["layer_height"] = 5 },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, tooTall.StatusCode);
        Assert.Equal("RV001", tooTall.ErrorCode);

        var unknown = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest
        {
            Model = TestData.Model("cubetest.rvwj"),
            Settings = new Dictionary<string, object> { ["no_such_setting"] = 1 },
        }));
        Assert.Equal("RV001", unknown.ErrorCode);
        Assert.Contains("no_such_setting", unknown.ErrorMessage);
    }

    [Fact]
    public async Task UnsupportedChoicesAreUre000()
    {
        using RealVisionClient client = service.Client(service.KeyA);
        var support = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest
        {
            Model = TestData.Model("cubetest.rvwj"),
            SupportType = "e",
        }));
        Assert.Equal("URE000", support.ErrorCode);

        var format = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest
        {
            Model = TestData.Model("cubetest.rvwj"),
            OutputFormat = "no-such-format",
        }));
        Assert.Equal("URE000", format.ErrorCode);
        Assert.Contains("gcode", format.ErrorMessage);

        // Fcode gets its own code and the reason: the command stream is undocumented.
        var fcode = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest
        {
            Model = TestData.Model("cubetest.rvwj"),
            OutputFormat = "Fcode",
        }));
        Assert.Equal("RV004", fcode.ErrorCode);
        Assert.Contains("undocumented", fcode.ErrorMessage);
    }

    [Fact]
    public async Task PointCloudChecks()
    {
        string workspace = Requests.PointCloudWorkspace("hardness_points.pc");
        byte[] cloud = new byte[3 * 3 * 3 * 8];
        using RealVisionClient client = service.Client(service.KeyA);
        TaskRequest request = new()
        {
            Model = new TaskFile("shore.rvwj", Encoding.UTF8.GetBytes(workspace)),
            PointCloud = new TaskFile("hardness_points.pc", cloud),
            ArrayDimensions = new[] { 3, 3, 3 },
        };

        var missing = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(request with { PointCloud = null, ArrayDimensions = null }));
        Assert.Equal("URE000", missing.ErrorCode);
        var wrongName = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(request with { PointCloud = new TaskFile("other.pc", cloud) }));
        Assert.Equal("URE000", wrongName.ErrorCode);
        var wrongSize = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(request with { ArrayDimensions = new[] { 3, 3, 4 } }));
        Assert.Equal("URE000", wrongSize.ErrorCode);
        var noDimensions = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(request with { ArrayDimensions = null }));
        Assert.Equal("URE000", noDimensions.ErrorCode);

        SlicingTask accepted = await client.SubmitTaskAsync(request);
        Assert.Equal(new[] { 3, 3, 3 }, accepted.Settings!["arrayDimensions"]!.AsArray().Select(n => (int)n!).ToArray());
        SlicingTask done = await client.WaitForCompletionAsync(accepted.TaskId);
        Assert.True(done.IsFinal);
        Assert.True(File.Exists(Path.Combine(service.DataFolder, "tasks", accepted.TaskId, "pointcloud.pc")));
    }

    [Fact]
    public async Task UnknownPathAndMethodAreRv404()
    {
        using HttpClient http = service.Http(service.KeyA);
        using HttpResponseMessage path = await http.GetAsync("no/such/endpoint");
        await Requests.AssertErrorAsync(path, HttpStatusCode.NotFound, "RV404");
        using HttpResponseMessage method = await http.PutAsync("GetProgress", new StringContent("{}"));
        await Requests.AssertErrorAsync(method, HttpStatusCode.NotFound, "RV404");
    }
}

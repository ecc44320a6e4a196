using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RealVision.Client;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>Whole flows on the /ws/tasks endpoints with the test workspaces.</summary>
public sealed class RestFlowTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture service;

    public RestFlowTests(ServiceFixture service)
    {
        this.service = service;
    }

    [Theory]
    [InlineData("cubetest.rvwj", "cubetest.gcode")]
    [InlineData("calicat.rvwj", "calicat.gcode")]
    public async Task WorkspaceSlicesToGcode(string file, string expectedName)
    {
        using RealVisionClient client = service.Client(service.KeyA);
        SlicingTask submitted = await client.SubmitTaskAsync(new TaskRequest
        {
            Model = TestData.Model(file),
            PrinterModel = "IdeaWerk-Speed",
            ConfigPresetName = "Recommended",
            SupportType = "n",
        });
        Assert.Equal(TaskStatuses.Queued, submitted.Status);
        Assert.True(Guid.TryParseExact(submitted.TaskId, "D", out _), submitted.TaskId);
        Assert.Equal(submitted.TaskId, submitted.TaskId.ToLowerInvariant());

        SlicingTask done = await client.WaitForCompletionAsync(submitted.TaskId);
        Assert.Equal(TaskStatuses.Completed, done.Status);
        Assert.Equal(1, done.Progress);
        Assert.Equal(expectedName, done.FileName);
        Assert.NotNull(done.PrintingInformation);
        Assert.True(done.PrintingInformation!.Time > 60, $"time {done.PrintingInformation.Time}");
        Assert.True(done.PrintingInformation.Length > 100, $"length {done.PrintingInformation.Length}");
        Assert.True(done.PrintingInformation.Weight > 0.5, $"weight {done.PrintingInformation.Weight}");
        Assert.NotEqual("0001-01-01T00:00:00", done.StartDate);
        Assert.NotEqual("0001-01-01T00:00:00", done.EndDate);

        DownloadedResult result = await client.DownloadAsync(submitted.TaskId);
        Assert.Equal(expectedName, result.FileName);
        Assert.Equal("application/octet-stream", result.ContentType);
        string gcode = Encoding.UTF8.GetString(result.Content);
        Assert.Contains($";Input: {file}", gcode);
        Assert.Contains("G1 ", gcode);

        DownloadedResult again = await client.DownloadAsync(submitted.TaskId);
        Assert.Equal(result.Content, again.Content);
    }

    [Fact]
    public async Task RepairWarningsShowInStatus()
    {
        // cubetest.rvwj raised 5 mm: the engine lowers the floating workspace onto the bed and says so.
        string raised = System.Text.RegularExpressions.Regex.Replace(
            TestData.Text("cubetest.rvwj"), "\"Z\": (\\d+)", m => $"\"Z\": {int.Parse(m.Groups[1].Value) + 5}");
        using RealVisionClient client = service.Client(service.KeyA);
        SlicingTask submitted = await client.SubmitTaskAsync(new TaskRequest
        {
            Model = new TaskFile("floating.rvwj", Encoding.UTF8.GetBytes(raised)),
        });

        SlicingTask done = await client.WaitForCompletionAsync(submitted.TaskId);

        Assert.Equal(TaskStatuses.Completed, done.Status);
        Assert.Contains(done.Warnings, w => w.Contains("lowered onto the bed by 5 mm"));
    }

    [Fact]
    public async Task JsonRequestWithUploadsSlices()
    {
        using RealVisionClient client = service.Client(service.KeyA);
        UploadedFile upload = await client.UploadAsync("WS", "benchy.json", TestData.Bytes("cubetest.rvwj"));
        Assert.Equal("WS", upload.Type);
        Assert.Equal("benchy.json", upload.FileName);

        var body = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["fileId"] = upload.FileId, ["type"] = "WS", ["fileName"] = "benchy.json" }),
            ["settings"] = new JsonObject
            {
                ["printerModel"] = "Creality Ender 3",
                ["supportType"] = "n",
                ["filamentPresetName"] = "Createch_PLA",
                ["infill_density"] = 0.3,
            },
        };
        SlicingTask submitted = await client.SubmitTaskJsonAsync(body);
        Assert.Equal("Creality Ender 3", (string?)submitted.Settings?["printerModel"]);
        Assert.Equal("benchy.json", (string?)submitted.Files?[0]?["fileName"]);

        SlicingTask done = await client.WaitForCompletionAsync(submitted.TaskId);
        Assert.Equal(TaskStatuses.Completed, done.Status);
        Assert.Equal("benchy.gcode", done.FileName);
        string gcode = Encoding.UTF8.GetString((await client.DownloadAsync(done.TaskId)).Content);
        Assert.Contains("infill_density = 0.3", gcode);
    }

    [Fact]
    public async Task OutputFormatsComeFromDialectPlugins()
    {
        using RealVisionClient client = service.Client(service.KeyA);
        JsonObject info = await client.GetInfoAsync();
        var formats = info["outputFormats"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        Assert.Contains("gcode", formats);
        var printers = info["printers"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Contains("IdeaWerk-Speed", printers);

        SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj"), OutputFormat = "gcode" });
        Assert.Equal("gcode", (string?)task.Settings?["outputFormat"]);
        Assert.Equal(TaskStatuses.Completed, (await client.WaitForCompletionAsync(task.TaskId)).Status);
    }

    [Fact]
    public async Task ListShowsOnlyOwnTasks()
    {
        using RealVisionClient a = service.Client(service.KeyA);
        using RealVisionClient c = service.Client(service.KeyC);
        SlicingTask mine = await c.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj") });
        await c.WaitForCompletionAsync(mine.TaskId);

        IReadOnlyList<SlicingTask> listC = await c.ListTasksAsync();
        IReadOnlyList<SlicingTask> listA = await a.ListTasksAsync();
        Assert.Contains(listC, t => t.TaskId == mine.TaskId);
        Assert.DoesNotContain(listA, t => t.TaskId == mine.TaskId);
    }

    [Fact]
    public async Task CancelStopsRunningSlicePromptly()
    {
        using RealVisionClient client = service.Client(service.KeyB);
        SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("calicat.rvwj"), Settings = TestData.SlowSettings() });
        await Waits.ForStatusAsync(client, task.TaskId, TaskStatuses.Running);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        SlicingTask cancelled = await client.CancelTaskAsync(task.TaskId);
        Assert.True(cancelled.Cancelled);
        Assert.Equal(TaskStatuses.Cancelled, cancelled.Status);
        Assert.Equal(-1, cancelled.Progress);
        Assert.Equal("-1", await client.GetProgressAsync(task.TaskId));

        // The worker notices at once (same process) and drops its lease; no result appears.
        while (Directory.EnumerateFiles(Path.Combine(service.DataFolder, "tasks", task.TaskId), "result*.tmp").Any())
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), "the temporary result was not removed within 2 s of cancelling");
            await Task.Delay(20);
        }

        await Task.Delay(300);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(service.DataFolder, "tasks", task.TaskId), "result*"));
        SlicingTask again = await client.CancelTaskAsync(task.TaskId);
        Assert.False(again.Cancelled);
        var error = await Assert.ThrowsAsync<RealVisionApiException>(() => client.DownloadAsync(task.TaskId));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("SF000", error.ErrorCode);
    }

    [Fact]
    public async Task ProgressIsStoredWhileSlicing()
    {
        using RealVisionClient client = service.Client(service.KeyB);
        SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("calicat.rvwj"), Settings = TestData.SlowSettings() });
        var seen = new List<double>();
        SlicingTask current;
        do
        {
            current = await client.GetTaskAsync(task.TaskId);
            seen.Add(current.Progress);
            await Task.Delay(50);
        }
        while (!current.IsFinal);

        Assert.Equal(TaskStatuses.Completed, current.Status);
        Assert.Contains(seen, p => p > 0 && p < 1);
        Assert.Equal(seen.Where(p => p >= 0).OrderBy(p => p), seen.Where(p => p >= 0));
    }
}

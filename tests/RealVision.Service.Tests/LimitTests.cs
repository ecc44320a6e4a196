using System.Net;
using System.Text;
using RealVision.Client;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>An API-only service (no workers, so tasks stay queued) with small limits.</summary>
public sealed class LimitedServiceFixture : ServiceFixture
{
    protected override void Configure(ServiceOptions options)
    {
        options.WorkerCount = 0;
        options.MaxRequestBodyBytes = 64 * 1024;
        options.MaxTriangles = 500;
        options.MaxPointCloudBytes = 100;
        options.MaxQueuedTasksPerKey = 2;
        options.MaxJsonDepth = 16;
    }
}

/// <summary>Each limit setting with a request just over it.</summary>
public sealed class LimitTests : IClassFixture<LimitedServiceFixture>
{
    private readonly LimitedServiceFixture service;

    public LimitTests(LimitedServiceFixture service)
    {
        this.service = service;
    }

    [Fact]
    public async Task BodyOverLimitIsRejected()
    {
        using HttpClient http = service.Http(service.KeyA);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[200 * 1024]), "file", "big.stl" } };
        using HttpResponseMessage response = await http.PostAsync("ws/tasks", form);
        await Requests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "URE000");
        Assert.Contains("MaxRequestBodyBytes", await response.Content.ReadAsStringAsync());

        using var json = new StringContent("{\"file\": \"" + new string('x', 100 * 1024) + "\"}", Encoding.UTF8, "application/json");
        using HttpResponseMessage jsonResponse = await http.PostAsync("ProvideFile", json);
        await Requests.AssertErrorAsync(jsonResponse, HttpStatusCode.BadRequest, "URE000");
    }

    [Fact]
    public async Task TooManyTrianglesAreRejected()
    {
        using RealVisionClient client = service.Client(service.KeyA);
        var error = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("calicat.stl") }));
        Assert.Equal("URE000", error.ErrorCode);
        Assert.Contains("876 triangles", error.ErrorMessage);
        Assert.Contains("MaxTriangles", error.ErrorMessage);
    }

    [Fact]
    public async Task DeepJsonIsRejected()
    {
        using HttpClient http = service.Http(service.KeyA);
        string deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);
        using HttpResponseMessage response = await http.PostAsync("ProvideFile", new StringContent(deep, Encoding.UTF8, "application/json"));
        await Requests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "URE000");
        Assert.Contains("MaxJsonDepth", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LargePointCloudIsRejected()
    {
        using RealVisionClient client = service.Client(service.KeyB);
        var error = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest
        {
            Model = new TaskFile("shore.rvwj", Encoding.UTF8.GetBytes(Requests.PointCloudWorkspace("cloud.pc"))),
            PointCloud = new TaskFile("cloud.pc", new byte[216]),
            ArrayDimensions = new[] { 3, 3, 3 },
        }));
        Assert.Equal("URE000", error.ErrorCode);
        Assert.Contains("MaxPointCloudBytes", error.ErrorMessage);
    }

    [Fact]
    public async Task QueuedTasksPerKeyAreLimited()
    {
        using RealVisionClient client = service.Client(service.KeyC);
        SlicingTask first = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj") });
        await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj") });
        var error = await Assert.ThrowsAsync<RealVisionApiException>(() => client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj") }));
        Assert.Equal("URE000", error.ErrorCode);
        Assert.Contains("MaxQueuedTasksPerKey", error.ErrorMessage);
        Assert.Equal("MaxQueuedTasksPerKey", (string?)error.Body?["error"]?["details"]?["limit"]);

        // Another key is not affected, and cancelling frees a place.
        using RealVisionClient other = service.Client(service.AdminKey);
        await other.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj") });
        await client.CancelTaskAsync(first.TaskId);
        SlicingTask third = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("cubetest.rvwj") });
        Assert.Equal(TaskStatuses.Queued, third.Status);
        Assert.Equal("0", await client.GetProgressAsync(third.TaskId));
    }

    [Fact]
    public async Task UploadedNamesNeverBecomePaths()
    {
        using RealVisionClient client = service.Client(service.KeyA);
        UploadedFile upload = await client.UploadAsync("WS", "../../escape.rvwj", TestData.Bytes("cubetest.rvwj"));
        Assert.EndsWith("escape.rvwj", upload.FileName);
        Assert.False(File.Exists(Path.Combine(service.DataFolder, "..", "escape.rvwj")));
        Assert.False(File.Exists(Path.Combine(service.DataFolder, "escape.rvwj")));
        Assert.True(File.Exists(Path.Combine(service.DataFolder, "uploads", Guid.Parse(upload.FileId).ToString("N"))));

        SlicingTask task = await client.SubmitTaskAsync(new TaskRequest
        {
            Model = new TaskFile("../../../etc/evil name.rvwj", TestData.Bytes("cubetest.rvwj")),
        });
        string folder = Path.Combine(service.DataFolder, "tasks", task.TaskId);
        Assert.Equal(new[] { "input.rvwj" }, Directory.EnumerateFiles(folder).Select(Path.GetFileName).ToArray());
        await client.CancelTaskAsync(task.TaskId);
    }
}

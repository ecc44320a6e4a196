using System.Diagnostics;
using System.Text;
using RealVision.Client;
using RealVision.Service.Security;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>Many concurrent tasks on one service.</summary>
public sealed class ConcurrencyTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture service;

    public ConcurrencyTests(ServiceFixture service)
    {
        this.service = service;
    }

    [Fact]
    public async Task FiftyTasksFromSeveralKeysAllFinish()
    {
        CreatedKeyClients clients = new(service);
        var submissions = Enumerable.Range(0, 50).Select(async i =>
        {
            RealVisionClient client = clients.For(i);
            string file = i % 3 == 0 ? "calicat.rvwj" : "cubetest.rvwj";
            SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model(file), PrinterModel = "IdeaWerk-Speed" });
            return (Index: i, Client: client, File: file, Task: task);
        }).ToList();
        var submitted = await Task.WhenAll(submissions);
        Assert.Equal(50, submitted.Select(s => s.Task.TaskId).Distinct().Count());

        var stopwatch = Stopwatch.StartNew();
        foreach (var s in submitted)
        {
            SlicingTask done = await s.Client.WaitForCompletionAsync(s.Task.TaskId, TimeSpan.FromMilliseconds(200));
            Assert.True(done.Status == TaskStatuses.Completed, $"task {s.Index} ({s.File}) ended as {done.Status}: {done.ErrorMessage}");
            DownloadedResult result = await s.Client.DownloadAsync(s.Task.TaskId);
            Assert.Equal(Path.GetFileNameWithoutExtension(s.File) + ".gcode", result.FileName);
            Assert.Contains($";Input: {s.File}", Encoding.UTF8.GetString(result.Content, 0, Math.Min(result.Content.Length, 400)));
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(4), $"draining 50 tasks took {stopwatch.Elapsed}");

        // Each key lists exactly its own tasks.
        for (int k = 0; k < 3; k++)
        {
            var expected = submitted.Where(s => s.Index % 3 == k).Select(s => s.Task.TaskId).ToHashSet();
            var listed = (await clients.For(k).ListTasksAsync(1000)).Select(t => t.TaskId).ToHashSet();
            Assert.True(expected.IsSubsetOf(listed), $"key {k} misses some of its tasks");
            Assert.Empty(listed.Intersect(submitted.Where(s => s.Index % 3 != k).Select(s => s.Task.TaskId)));
        }

        clients.Dispose();
    }

    private sealed class CreatedKeyClients : IDisposable
    {
        private readonly RealVisionClient[] clients;

        public CreatedKeyClients(ServiceFixture service)
        {
            clients = new[] { service.Client(service.KeyA), service.Client(service.KeyB), service.Client(service.KeyC) };
        }

        public RealVisionClient For(int index) => clients[index % clients.Length];

        public void Dispose()
        {
            foreach (RealVisionClient client in clients)
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>The service as a child process: first start, and a kill while tasks run.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string dataFolder = TestData.NewFolder("restart");

    [Fact]
    public async Task FirstStartPrintsOperatorKeyOnce()
    {
        (ChildService first, Uri baseUri) = await ChildService.StartServeAsync(dataFolder);
        string key;
        using (first)
        {
            string? line = await WaitForLineAsync(first, "subscription key");
            Assert.NotNull(line);
            key = line![(line.LastIndexOf(' ') + 1)..];
            Assert.Matches("^[0-9a-f]{32}$", key);
            Assert.Contains(first.Lines, l => l.Contains("/swagger", StringComparison.Ordinal));

            // The key is printed, never logged: it appears on exactly one line.
            Assert.Single(first.Lines, l => l.Contains(key, StringComparison.Ordinal));
            using var client = new RealVisionClient(baseUri, key);
            Assert.True(await client.GetActivationStatusAsync());
        }

        (ChildService second, Uri secondUri) = await ChildService.StartServeAsync(dataFolder);
        using (second)
        {
            using var client = new RealVisionClient(secondUri, key);
            Assert.True(await client.GetActivationStatusAsync());
            Assert.DoesNotContain(second.Lines, l => l.Contains("subscription key", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task KilledServiceResumesTasks()
    {
        string[] arguments = { "--workers", "2", "--lease-seconds", "4", "--no-operator-key" };
        CreatedKey key = await CreateKeyAsync();
        (ChildService first, Uri baseUri) = await ChildService.StartServeAsync(dataFolder, arguments);
        var taskIds = new List<string>();
        using (first)
        {
            using var client = new RealVisionClient(baseUri, key.SubscriptionKey);
            for (int i = 0; i < 6; i++)
            {
                SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("calicat.rvwj"), Settings = TestData.SlowSettings() });
                taskIds.Add(task.TaskId);
            }

            await Waits.ForStatusAsync(client, taskIds[0], TaskStatuses.Running);
            first.Kill();
        }

        // A result file exists only for a completed task; a killed slice leaves at most a .tmp file.
        using (var database = new Data.ServiceDatabase(new ServiceOptions { DataFolder = dataFolder }))
        {
            var store = new Data.TaskStore(database);
            foreach (string id in taskIds)
            {
                Data.TaskRecord record = (await store.GetAsync(id, CancellationToken.None))!;
                bool hasResult = File.Exists(Path.Combine(dataFolder, "tasks", id, "result.gcode"));
                Assert.True(!hasResult || record.State == Data.TaskStates.Completed, $"task {id} has a result but is {record.State}");
            }
        }

        (ChildService second, Uri secondUri) = await ChildService.StartServeAsync(dataFolder, arguments);
        using (second)
        {
            using var client = new RealVisionClient(secondUri, key.SubscriptionKey);
            foreach (string id in taskIds)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                SlicingTask done = await client.WaitForCompletionAsync(id, TimeSpan.FromMilliseconds(200), timeout.Token);
                Assert.True(done.Status == TaskStatuses.Completed, $"task {id} ended as {done.Status}: {done.ErrorMessage}\n{second.Output}");
                DownloadedResult result = await client.DownloadAsync(id);
                Assert.EndsWith("\n", Encoding.UTF8.GetString(result.Content));
            }
        }
    }

    private async Task<CreatedKey> CreateKeyAsync()
    {
        var keys = await KeyManager.OpenAsync(new ServiceOptions { DataFolder = dataFolder });
        return await keys.CreateAsync("restart test");
    }

    private static async Task<string?> WaitForLineAsync(ChildService child, string text)
    {
        for (int i = 0; i < 200; i++)
        {
            string? line = child.Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(50);
        }

        return null;
    }

    public void Dispose() => TestData.DeleteFolder(dataFolder);
}

using RealVision.Client;
using RealVision.Service.Data;
using RealVision.Service.Tests.Support;

namespace RealVision.Service.Tests;

/// <summary>Runs only when REALVISION_TEST_POSTGRES contains an Npgsql connection string to a PostgreSQL server.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "REALVISION_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"No PostgreSQL server: set {Variable} to an Npgsql connection string (for example Host=127.0.0.1;Username=realvision;Password=...;Database=realvision_test).";
        }
    }
}

/// <summary>An API-only node on PostgreSQL, in a schema of its own; workers run as child processes.</summary>
public sealed class PostgresApiFixture : ServiceFixture
{
    public string Schema { get; } = "rvtest_" + Guid.NewGuid().ToString("N")[..12];

    public static string? ConnectionString => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable);

    protected override void Configure(ServiceOptions options)
    {
        options.WorkerCount = 0;
        options.LeaseSeconds = 4;
        if (ConnectionString is not null)
        {
            options.Storage = StorageKind.PostgreSql;
            options.PostgreSqlConnectionString = ConnectionString;
            options.PostgreSqlSchema = Schema;
        }
    }

    /// <summary>Starts `worker` on the same schema and data folder; the connection string goes in the environment, not the command line.</summary>
    public ChildService StartWorker() => ChildService.StartWorker(
        new[] { "--storage", "postgresql", "--schema", Schema, "--data", DataFolder, "--workers", "1", "--lease-seconds", "4" },
        new Dictionary<string, string> { ["RealVision__PostgreSqlConnectionString"] = ConnectionString! });

    public async Task<TaskRecord> RecordAsync(string taskId)
    {
        using var database = new ServiceDatabase(Options);
        return (await new TaskStore(database).GetAsync(taskId, CancellationToken.None))!;
    }
}

public sealed class PostgresTests : IClassFixture<PostgresApiFixture>
{
    private readonly PostgresApiFixture service;

    public PostgresTests(PostgresApiFixture service)
    {
        this.service = service;
    }

    [PostgresFact]
    public async Task TwoWorkersDrainOneQueueOnce()
    {
        using ChildService first = service.StartWorker();
        using ChildService second = service.StartWorker();
        await WaitForWorkerAsync(first);
        await WaitForWorkerAsync(second);

        using RealVisionClient client = service.Client(service.KeyA);
        var taskIds = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            string file = i % 4 == 0 ? "calicat.rvwj" : "cubetest.rvwj";
            taskIds.Add((await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model(file), PrinterModel = "IdeaWerk-Speed" })).TaskId);
        }

        var finishedBy = new List<string>();
        foreach (string id in taskIds)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            SlicingTask done = await client.WaitForCompletionAsync(id, TimeSpan.FromMilliseconds(100), timeout.Token);
            Assert.True(done.Status == TaskStatuses.Completed, $"{id}: {done.Status} {done.ErrorMessage}");
            TaskRecord record = await service.RecordAsync(id);
            Assert.True(record.SliceCount == 1, $"task {id} was claimed {record.SliceCount} times");
            finishedBy.Add(record.CompletedBy!);
        }

        Assert.Contains(finishedBy, by => by.Contains($":{first.ProcessId}:", StringComparison.Ordinal));
        Assert.Contains(finishedBy, by => by.Contains($":{second.ProcessId}:", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task KilledWorkersTaskFinishesElsewhere()
    {
        using RealVisionClient client = service.Client(service.KeyB);
        string taskId;
        using (ChildService doomed = service.StartWorker())
        {
            await WaitForWorkerAsync(doomed);
            taskId = (await client.SubmitTaskAsync(new TaskRequest { Model = TestData.Model("calicat.rvwj"), Settings = TestData.SlowSettings() })).TaskId;
            await Waits.ForStatusAsync(client, taskId, TaskStatuses.Running);
            TaskRecord running = await service.RecordAsync(taskId);
            Assert.Contains($":{doomed.ProcessId}:", running.LeaseOwner);
            doomed.Kill();
        }

        using ChildService rescuer = service.StartWorker();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        SlicingTask done = await client.WaitForCompletionAsync(taskId, TimeSpan.FromMilliseconds(200), timeout.Token);
        Assert.True(done.Status == TaskStatuses.Completed, $"{done.Status}: {done.ErrorMessage}\n{rescuer.Output}");
        TaskRecord record = await service.RecordAsync(taskId);
        Assert.Contains($":{rescuer.ProcessId}:", record.CompletedBy);
        Assert.Equal(2, record.SliceCount);
        Assert.NotEmpty((await client.DownloadAsync(taskId)).Content);
    }

    private static async Task WaitForWorkerAsync(ChildService worker)
    {
        for (int i = 0; i < 600; i++)
        {
            if (worker.Lines.Any(l => l.Contains("all the dispatchers started", StringComparison.Ordinal)))
            {
                return;
            }

            Assert.False(worker.HasExited, $"the worker exited:\n{worker.Output}");
            await Task.Delay(50);
        }

        Assert.Fail($"the worker did not start within 30 s:\n{worker.Output}");
    }
}

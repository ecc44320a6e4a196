using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealVision.Service.Data;

namespace RealVision.Service.Jobs;

/// <summary>
/// Puts tasks whose worker died back on the queue. It runs on every node, every third of the lease
/// time. It handles a running task whose lease expired, because its worker crashed or was killed.
/// It also handles a queued task without a job (the node crashed between saving and enqueueing it),
/// and a queued task whose job a dead worker fetched before claiming the task or whose job ended
/// without slicing it. Enqueueing again is safe because <see cref="SliceJob"/> claims a task before slicing it.
/// </summary>
public sealed class TaskRecovery : BackgroundService
{
    private readonly TaskStore store;
    private readonly TaskQueue queue;
    private readonly JobStorage storage;
    private readonly ServiceOptions options;
    private readonly ILogger<TaskRecovery> logger;

    // Queued tasks whose job was seen in a state that cannot slice them, with the time first seen.
    private readonly Dictionary<string, DateTimeOffset> suspects = new();

    public TaskRecovery(TaskStore store, TaskQueue queue, JobStorage storage, ServiceOptions options, ILogger<TaskRecovery> logger)
    {
        this.store = store;
        this.queue = queue;
        this.storage = storage;
        this.options = options;
        this.logger = logger;
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(options.LeaseSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Task recovery started: checks every {Interval} s", (Lease / 3).TotalSeconds);
        using var timer = new PeriodicTimer(Lease / 3);
        do
        {
            try
            {
                await RecoverOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next round tries again; a database that is briefly locked or unreachable is no reason to stop.
                logger.LogError(ex, "Task recovery round failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));

        logger.LogInformation("Task recovery stopped");
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs one recovery round; public so tests and tools can trigger it.</summary>
    public async Task RecoverOnceAsync(CancellationToken cancellationToken)
    {
        foreach (string id in await store.FindExpiredLeasesAsync(cancellationToken))
        {
            if (await store.RequeueExpiredAsync(id, cancellationToken))
            {
                TaskRecord? task = await store.GetAsync(id, cancellationToken);
                string? jobId = await queue.EnqueueAgainAsync(id, task?.JobId, cancellationToken);
                logger.LogWarning("Task {TaskId} lost its worker (lease expired); queued again as job {JobId}", id, jobId);
            }
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        var seen = new HashSet<string>();
        using IStorageConnection connection = storage.GetConnection();
        foreach ((string id, string? jobId, long queuedAt) in await store.FindQueuedAsync(1000, cancellationToken))
        {
            if (DateTimeOffset.FromUnixTimeMilliseconds(queuedAt) > now - Lease)
            {
                continue;
            }

            if (jobId is not null && !IsStuck(connection, jobId))
            {
                continue;
            }

            seen.Add(id);
            DateTimeOffset firstSeen = suspects.TryGetValue(id, out DateTimeOffset at) ? at : suspects[id] = now;
            if (jobId is not null && now - firstSeen < 2 * Lease)
            {
                continue;
            }

            string? newJob = await queue.EnqueueAgainAsync(id, jobId, cancellationToken);
            suspects.Remove(id);
            logger.LogWarning("Task {TaskId} was queued without a live job ({JobId}); enqueued again as job {NewJobId}",
                id, jobId ?? "none", newJob);
        }

        foreach (string id in suspects.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            suspects.Remove(id);
        }
    }

    // A job that is processing, finished or gone cannot slice a task that is still queued, unless
    // Hangfire requeues it. The caller waits two lease times first, so a job that is just claiming its task is left alone.
    private static bool IsStuck(IStorageConnection connection, string jobId)
    {
        string? state = connection.GetJobData(jobId)?.State;
        return state is null or "Processing" or "Succeeded" or "Failed" or "Deleted";
    }
}

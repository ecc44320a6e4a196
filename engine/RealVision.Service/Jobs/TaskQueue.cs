using Hangfire;
using RealVision.Service.Data;

namespace RealVision.Service.Jobs;

/// <summary>Puts tasks on the Hangfire queue and records the job id on the task.</summary>
public sealed class TaskQueue
{
    private readonly IBackgroundJobClient client;
    private readonly TaskStore store;

    public TaskQueue(IBackgroundJobClient client, TaskStore store)
    {
        this.client = client;
        this.store = store;
    }

    /// <summary>Enqueues the first job of a new task.</summary>
    public async Task<string> EnqueueNewAsync(string taskId, CancellationToken cancellationToken)
    {
        string jobId = client.Enqueue<SliceJob>(job => job.RunAsync(taskId, CancellationToken.None));
        await store.SetJobIdAsync(taskId, jobId, cancellationToken);
        return jobId;
    }

    /// <summary>
    /// Enqueues another job for a queued task whose job was lost. Returns null when the task's job id
    /// changed meanwhile (another node re-enqueued it first); the extra job then finds nothing to do.
    /// </summary>
    public async Task<string?> EnqueueAgainAsync(string taskId, string? previousJobId, CancellationToken cancellationToken)
    {
        string jobId = client.Enqueue<SliceJob>(job => job.RunAsync(taskId, CancellationToken.None));
        return await store.ReplaceJobIdAsync(taskId, previousJobId, jobId, cancellationToken) ? jobId : null;
    }
}

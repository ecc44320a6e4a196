using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Errors;
using RealVision.Engine.Pipeline;
using RealVision.Service.Api;
using RealVision.Service.Data;

namespace RealVision.Service.Jobs;

/// <summary>
/// The Hangfire job that slices one task. It is idempotent because it claims the task with a lease
/// first and returns at once when the task has ended or another live worker has claimed it. So a job
/// that Hangfire delivers twice, or that recovery enqueues again, never slices a task twice at the
/// same time. The result is written to a temporary file and renamed into place before the task is marked
/// completed, so a download never reads a partial file.
/// </summary>
public sealed class SliceJob
{
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromMilliseconds(250);

    private readonly SlicingEngine engine;
    private readonly TaskStore store;
    private readonly FileStore files;
    private readonly RunningTasks running;
    private readonly SliceScheduler scheduler;
    private readonly NodeIdentity node;
    private readonly ServiceOptions options;
    private readonly ILogger<SliceJob> logger;

    public SliceJob(
        SlicingEngine engine, TaskStore store, FileStore files, RunningTasks running, SliceScheduler scheduler,
        NodeIdentity node, ServiceOptions options, ILogger<SliceJob> logger)
    {
        this.engine = engine;
        this.store = store;
        this.files = files;
        this.running = running;
        this.scheduler = scheduler;
        this.node = node;
        this.options = options;
        this.logger = logger;
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(options.LeaseSeconds);

    /// <summary>Slices task <paramref name="taskId"/>. <paramref name="shutdown"/> is Hangfire's token, cancelled when the server stops.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = new[] { 1, 5, 15 })]
    [JobDisplayName("Slice task {0}")]
    public async Task RunAsync(string taskId, CancellationToken shutdown)
    {
        string claim = Guid.NewGuid().ToString("N");
        string owner = $"{node.Name}:{claim}";
        TaskRecord? task = await store.TryClaimAsync(taskId, owner, Lease, shutdown);
        if (task is null)
        {
            TaskRecord? current = await store.GetAsync(taskId, shutdown);
            logger.LogInformation(
                "Task {TaskId} not sliced by this job: it is {State}{Holder}",
                taskId, current?.State ?? "deleted", current?.LeaseOwner is { } holder ? $", claimed by {holder}" : "");
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var live = new RunningTask(cancellation);
        running.TryAdd(taskId, live);
        using var heartbeatStop = new CancellationTokenSource();
        Task heartbeat = HeartbeatAsync(taskId, owner, live, heartbeatStop.Token);
        string temporary = files.TemporaryResultPath(taskId, claim);
        var stopwatch = Stopwatch.StartNew();
        logger.LogInformation("Task {TaskId} started on {Node} (claim {Claim}, attempt {Attempt})", taskId, node.Name, claim, task.SliceCount);
        try
        {
            SliceResult result = await SliceAsync(task, temporary, live, cancellation.Token);
            await StopHeartbeatAsync(heartbeatStop, heartbeat);
            await FinishAsync(task, owner, temporary, result, stopwatch.Elapsed);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await StopHeartbeatAsync(heartbeatStop, heartbeat);
            await OnCancelledAsync(taskId, owner, live, shutdown.IsCancellationRequested);
            if (shutdown.IsCancellationRequested && !live.CancelledByUser)
            {
                // Hangfire requeues a job that ends by the shutdown token; recovery enqueues it otherwise.
                throw;
            }
        }
        catch (RealVisionException ex)
        {
            await StopHeartbeatAsync(heartbeatStop, heartbeat);
            logger.LogWarning("Task {TaskId} failed with {Code}: {Message}", taskId, ex.ErrorCode, ex.Message);
            await store.FailAsync(taskId, owner, ex.ErrorCode, ex.Message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The job boundary: any other error would make Hangfire retry a slice that fails the same
            // way each time, so the task fails here and the log keeps the stack trace.
            await StopHeartbeatAsync(heartbeatStop, heartbeat);
            logger.LogError(ex, "Task {TaskId} failed with an unexpected error", taskId);
            await store.FailAsync(taskId, owner, ErrorCodes.SlicingFailed,
                $"The slicing task failed with an internal error ({ex.GetType().Name}); please try again later.", CancellationToken.None);
        }
        finally
        {
            running.Remove(taskId, live);
            heartbeatStop.Cancel();
            TryDelete(temporary);
        }
    }

    private async Task<SliceResult> SliceAsync(TaskRecord task, string temporary, RunningTask live, CancellationToken cancellationToken)
    {
        var request = new SliceRequest
        {
            InputPath = files.InputPath(task.Id, task.InputFormat),
            InputName = task.InputName,
            Format = task.InputFormat,
            Settings = TaskSettings.Overrides(task),
            Files = task.PointCloudName is null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [task.PointCloudName] = files.PointCloudPath(task.Id) },
            ArrayDimensions = task.ArrayDimensions?.Split(',').Select(int.Parse).ToArray(),
        };
        request = task.HasConfig
            ? new SliceRequest
            {
                InputPath = request.InputPath,
                InputName = request.InputName,
                Format = request.Format,
                Settings = request.Settings,
                Files = request.Files,
                ArrayDimensions = request.ArrayDimensions,
                PrinterConfigPath = files.ConfigPath(task.Id),
                PresetName = string.IsNullOrWhiteSpace(task.Preset) ? null : task.Preset,
            }
            : PrinterSelection.Apply(engine, request, task.Printer, task.Preset);

        return await scheduler.Run(() =>
        {
            using var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            SliceResult result = engine.Slice(request, output, p =>
            {
                live.Progress = p.Fraction;
                live.Stage = p.Stage;
            }, cancellationToken);
            output.Flush(flushToDisk: true);
            return result;
        }, cancellationToken);
    }

    private async Task FinishAsync(TaskRecord task, string owner, string temporary, SliceResult result, TimeSpan elapsed)
    {
        string final = files.ResultPath(task.Id, result.FileExtension);
        var outcome = new TaskRecord
        {
            Id = task.Id,
            OwnerKeyId = task.OwnerKeyId,
            State = TaskStates.Completed,
            InputName = task.InputName,
            InputFormat = task.InputFormat,
            ResultExtension = result.FileExtension,
            ResultContentType = result.ContentType,
            ResultBytes = new FileInfo(temporary).Length,
            PrintTimeSeconds = result.Statistics.EstimatedTimeS,
            FilamentLengthMm = result.Statistics.FilamentLengthMm,
            FilamentWeightGrams = result.Statistics.FilamentWeightG,
            LayerCount = result.Statistics.LayerCount,
            Warnings = result.Warnings,
        };

        // Slicing is deterministic, so a result renamed over another claim's is byte-identical.
        File.Move(temporary, final, overwrite: true);
        if (await store.CompleteAsync(task.Id, owner, outcome, CancellationToken.None))
        {
            logger.LogInformation(
                "Task {TaskId} completed in {Elapsed} ms: {Layers} layers, {Bytes} bytes of {Extension}",
                task.Id, (long)elapsed.TotalMilliseconds, result.Statistics.LayerCount, outcome.ResultBytes, result.FileExtension);
            return;
        }

        TaskRecord? current = await store.GetAsync(task.Id, CancellationToken.None);
        logger.LogInformation("Task {TaskId} finished slicing but is {State}; its result is discarded", task.Id, current?.State ?? "deleted");
        if (current is null || current.State == TaskStates.Cancelled)
        {
            TryDelete(final);
        }
    }

    private async Task OnCancelledAsync(string taskId, string owner, RunningTask live, bool shuttingDown)
    {
        TaskRecord? current = await store.GetAsync(taskId, CancellationToken.None);
        if (current?.State == TaskStates.Cancelled || live.CancelledByUser)
        {
            logger.LogInformation("Task {TaskId} cancelled while slicing", taskId);
            await store.DropLeaseAsync(taskId, owner, CancellationToken.None);
            return;
        }

        if (shuttingDown)
        {
            logger.LogInformation("Task {TaskId} interrupted by shutdown; it goes back to the queue", taskId);
            await store.ReleaseAsync(taskId, owner, CancellationToken.None);
            return;
        }

        logger.LogWarning("Task {TaskId} stopped: this worker lost its lease to {Holder}", taskId, current?.LeaseOwner ?? "nobody");
    }

    /// <summary>
    /// Writes progress every 250 ms when it changed and renews the lease at least every third of its
    /// lifetime. Cancels the slice when the task was cancelled on another node or the lease was lost.
    /// </summary>
    private async Task HeartbeatAsync(string taskId, string owner, RunningTask live, CancellationToken stop)
    {
        double written = -1;
        var sinceRenewal = Stopwatch.StartNew();
        TimeSpan renewEvery = Lease / 3;
        using var timer = new PeriodicTimer(ProgressWriteInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                double progress = Math.Min(live.Progress, 0.9999);
                if (progress == written && sinceRenewal.Elapsed < renewEvery)
                {
                    continue;
                }

                (bool held, bool cancelRequested) = await store.HeartbeatAsync(taskId, owner, progress, live.Stage, Lease, stop);
                written = progress;
                sinceRenewal.Restart();
                if (!held || cancelRequested)
                {
                    live.CancelledByUser |= cancelRequested;
                    live.Cancellation.Cancel();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The slice ended.
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The lease runs out unless renewed; another worker then takes the task over.
            logger.LogError(ex, "Task {TaskId}: progress and lease updates failed; the lease will expire", taskId);
        }
    }

    private static async Task StopHeartbeatAsync(CancellationTokenSource stop, Task heartbeat)
    {
        stop.Cancel();
        await heartbeat;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete {Path}", path);
        }
    }
}

using Hangfire;
using Microsoft.Extensions.Logging;
using RealVision.Service.Data;

namespace RealVision.Service.Jobs;

/// <summary>
/// The recurring Hangfire job that deletes finished tasks, unused uploads and abandoned staging
/// folders once they are older than the retention settings.
/// </summary>
public sealed class RetentionJob
{
    public const string RecurringJobId = "realvision-retention";

    private readonly TaskStore store;
    private readonly FileStore files;
    private readonly ServiceOptions options;
    private readonly ILogger<RetentionJob> logger;

    public RetentionJob(TaskStore store, FileStore files, ServiceOptions options, ILogger<RetentionJob> logger)
    {
        this.store = store;
        this.files = files;
        this.options = options;
        this.logger = logger;
    }

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        List<string> tasks = await store.DeleteFinishedBeforeAsync(now.AddHours(-options.RetentionHours), cancellationToken);
        foreach (string id in tasks)
        {
            TryDelete(() => files.DeleteTask(id), id);
        }

        List<string> uploads = await store.DeleteUploadsBeforeAsync(now.AddHours(-options.UploadRetentionHours), cancellationToken);
        foreach (string id in uploads)
        {
            TryDelete(() => files.DeleteUpload(id), id);
        }

        int staging = 0;
        if (Directory.Exists(files.StagingFolder))
        {
            foreach (string folder in Directory.EnumerateDirectories(files.StagingFolder))
            {
                if (Directory.GetLastWriteTimeUtc(folder) < now.UtcDateTime.AddHours(-1))
                {
                    TryDelete(() => Directory.Delete(folder, recursive: true), Path.GetFileName(folder));
                    staging++;
                }
            }
        }

        logger.LogInformation(
            "Retention removed {Tasks} tasks, {Uploads} uploads and {Staging} abandoned staging folders",
            tasks.Count, uploads.Count, staging);
    }

    private void TryDelete(Action delete, string id)
    {
        try
        {
            delete();
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Retention could not delete the files of {Id}", id);
        }
    }
}

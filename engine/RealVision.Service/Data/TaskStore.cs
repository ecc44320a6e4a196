using System.Data.Common;

namespace RealVision.Service.Data;

/// <summary>Result of <see cref="TaskStore.TryCreateAsync"/>.</summary>
public enum CreateOutcome
{
    Created,
    IdInUse,
    TooManyActive,
}

/// <summary>An uploaded file waiting to be used by a task (UploadFile and POST /upload).</summary>
public sealed record UploadRecord(string Id, string OwnerKeyId, string FileName, string FileType, long SizeBytes, DateTimeOffset CreatedAt);

/// <summary>
/// Task records in rv_tasks. Every state change a worker makes is a conditional UPDATE on the
/// worker's lease (lease_owner), so a worker that lost its claim cannot overwrite the task.
/// </summary>
public sealed class TaskStore
{
    private const string Columns =
        "id, owner_key, state, progress, stage, input_name, input_format, printer, preset, support, output_format, has_config, "
        + "array_dimensions, point_cloud_name, settings_json, files_json, queued_at, started_at, ended_at, error_code, error_message, "
        + "result_extension, result_content_type, result_bytes, print_time_s, filament_mm, filament_g, layer_count, job_id, "
        + "lease_owner, lease_until, slice_count, completed_by, cancel_requested";

    private readonly ServiceDatabase database;

    public TaskStore(ServiceDatabase database)
    {
        this.database = database;
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>
    /// Inserts a queued task unless its id exists or its key already has <paramref name="maxActivePerKey"/>
    /// queued or running tasks. The count and insert are one statement.
    /// </summary>
    public async Task<CreateOutcome> TryCreateAsync(TaskRecord task, int maxActivePerKey, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO rv_tasks (id, owner_key, state, progress, stage, input_name, input_format, printer, preset, support,
                output_format, has_config, array_dimensions, point_cloud_name, settings_json, files_json, queued_at, slice_count, cancel_requested)
            SELECT @id, @owner, @state, 0, NULL, @input_name, @input_format, @printer, @preset, @support,
                @output_format, @has_config, @array_dimensions, @point_cloud_name, @settings_json, @files_json, @queued_at, 0, 0
            WHERE (SELECT COUNT(*) FROM rv_tasks WHERE owner_key = @owner AND state IN ('queued', 'running')) < @limit
            ON CONFLICT (id) DO NOTHING
            """;
        int inserted = await database.ExecuteAsync(sql, cancellationToken,
            ("@id", task.Id),
            ("@owner", task.OwnerKeyId),
            ("@state", TaskStates.Queued),
            ("@input_name", task.InputName),
            ("@input_format", task.InputFormat),
            ("@printer", task.Printer),
            ("@preset", task.Preset),
            ("@support", task.Support),
            ("@output_format", task.OutputFormat),
            ("@has_config", task.HasConfig ? 1 : 0),
            ("@array_dimensions", task.ArrayDimensions),
            ("@point_cloud_name", task.PointCloudName),
            ("@settings_json", task.SettingsJson),
            ("@files_json", task.FilesJson),
            ("@queued_at", task.QueuedAt.ToUnixTimeMilliseconds()),
            ("@limit", (long)maxActivePerKey));
        if (inserted == 1)
        {
            return CreateOutcome.Created;
        }

        return await ExistsAsync(task.Id, cancellationToken) ? CreateOutcome.IdInUse : CreateOutcome.TooManyActive;
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        await database.ScalarAsync("SELECT 1 FROM rv_tasks WHERE id = @id", cancellationToken, ("@id", id)) is not null;

    public async Task<TaskRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        List<TaskRecord> rows = await database.QueryAsync(
            $"SELECT {Columns} FROM rv_tasks WHERE id = @id", Read, cancellationToken, ("@id", id));
        return rows.FirstOrDefault();
    }

    public async Task<List<TaskRecord>> ListForOwnerAsync(string ownerKeyId, int limit, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            $"SELECT {Columns} FROM rv_tasks WHERE owner_key = @owner ORDER BY queued_at DESC LIMIT @limit",
            Read, cancellationToken, ("@owner", ownerKeyId), ("@limit", (long)limit));

    public Task SetJobIdAsync(string id, string jobId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE rv_tasks SET job_id = @job WHERE id = @id", cancellationToken, ("@id", id), ("@job", jobId));

    /// <summary>
    /// Claims a queued or running task whose lease is free or expired for <paramref name="owner"/>,
    /// marks it running and counts the claim. Returns the claimed record, or null when the task is
    /// finished, cancelled or held by another live worker.
    /// </summary>
    public async Task<TaskRecord?> TryClaimAsync(string id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        long now = Now();
        const string sql = """
            UPDATE rv_tasks
            SET state = 'running', lease_owner = @owner, lease_until = @until, slice_count = slice_count + 1,
                started_at = COALESCE(started_at, @now), progress = 0, stage = NULL
            WHERE id = @id AND state IN ('queued', 'running') AND cancel_requested = 0
                AND (lease_owner IS NULL OR lease_until < @now)
            """;
        int claimed = await database.ExecuteAsync(sql, cancellationToken,
            ("@id", id), ("@owner", owner), ("@until", now + (long)lease.TotalMilliseconds), ("@now", now));
        return claimed == 1 ? await GetAsync(id, cancellationToken) : null;
    }

    /// <summary>
    /// Stores progress and extends the lease. Returns whether the worker still has the lease and
    /// whether a cancellation was requested.
    /// </summary>
    public async Task<(bool Held, bool CancelRequested)> HeartbeatAsync(
        string id, string owner, double progress, string? stage, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE rv_tasks SET progress = @progress, stage = @stage, lease_until = @until
            WHERE id = @id AND lease_owner = @owner AND state = 'running'
            RETURNING cancel_requested
            """;
        object? cancel = await database.ScalarAsync(sql, cancellationToken,
            ("@id", id), ("@owner", owner), ("@progress", progress), ("@stage", stage),
            ("@until", Now() + (long)lease.TotalMilliseconds));
        return cancel is null ? (false, false) : (true, Convert.ToInt64(cancel) != 0);
    }

    /// <summary>Marks a claimed task completed with its result; false when the claim was lost or the task was cancelled.</summary>
    public async Task<bool> CompleteAsync(string id, string owner, TaskRecord result, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE rv_tasks
            SET state = 'completed', progress = 1, stage = 'done', ended_at = @now, result_extension = @extension,
                result_content_type = @content_type, result_bytes = @bytes, print_time_s = @time, filament_mm = @length,
                filament_g = @weight, layer_count = @layers, completed_by = @owner, lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND lease_owner = @owner AND state = 'running'
            """;
        int updated = await database.ExecuteAsync(sql, cancellationToken,
            ("@id", id), ("@owner", owner), ("@now", Now()), ("@extension", result.ResultExtension),
            ("@content_type", result.ResultContentType), ("@bytes", result.ResultBytes), ("@time", result.PrintTimeSeconds),
            ("@length", result.FilamentLengthMm), ("@weight", result.FilamentWeightGrams), ("@layers", result.LayerCount));
        if (updated == 1 && result.Warnings.Count > 0)
        {
            // A table of its own, so databases made before warnings were stored need no migration.
            await database.ExecuteAsync(
                "INSERT INTO rv_task_warnings (task_id, warnings_json) VALUES (@id, @warnings) "
                + "ON CONFLICT (task_id) DO UPDATE SET warnings_json = excluded.warnings_json",
                cancellationToken, ("@id", id), ("@warnings", System.Text.Json.JsonSerializer.Serialize(result.Warnings)));
        }

        return updated == 1;
    }

    /// <summary>Returns the warnings stored for a completed task (empty when it had none).</summary>
    public async Task<IReadOnlyList<string>> GetWarningsAsync(string id, CancellationToken cancellationToken)
    {
        List<string> rows = await database.QueryAsync(
            "SELECT warnings_json FROM rv_task_warnings WHERE task_id = @id", r => r.GetString(0), cancellationToken, ("@id", id));
        return rows.Count == 0
            ? Array.Empty<string>()
            : System.Text.Json.JsonSerializer.Deserialize<List<string>>(rows[0]) ?? new List<string>();
    }

    /// <summary>Marks a claimed task failed with an error code and message.</summary>
    public async Task<bool> FailAsync(string id, string owner, string errorCode, string message, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE rv_tasks
            SET state = 'failed', progress = -1, ended_at = @now, error_code = @code, error_message = @message,
                completed_by = @owner, lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND lease_owner = @owner AND state = 'running'
            """;
        return await database.ExecuteAsync(sql, cancellationToken,
            ("@id", id), ("@owner", owner), ("@now", Now()), ("@code", errorCode), ("@message", message)) == 1;
    }

    /// <summary>Gives a claimed task back to the queue (the worker is shutting down).</summary>
    public Task ReleaseAsync(string id, string owner, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE rv_tasks SET state = 'queued', lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner AND state = 'running'",
            cancellationToken, ("@id", id), ("@owner", owner));

    /// <summary>Drops the lease of a task that ended another way (cancelled) without touching its state.</summary>
    public Task DropLeaseAsync(string id, string owner, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE rv_tasks SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner",
            cancellationToken, ("@id", id), ("@owner", owner));

    /// <summary>Cancels a queued or running task of the key; false when it had already ended.</summary>
    public async Task<bool> CancelAsync(string id, string ownerKeyId, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE rv_tasks
            SET state = 'cancelled', cancel_requested = 1, progress = -1, ended_at = @now,
                error_code = NULL, error_message = 'The task was cancelled.'
            WHERE id = @id AND owner_key = @owner AND state IN ('queued', 'running')
            """;
        return await database.ExecuteAsync(sql, cancellationToken, ("@id", id), ("@owner", ownerKeyId), ("@now", Now())) == 1;
    }

    /// <summary>Ids of running tasks whose worker stopped renewing its lease.</summary>
    public Task<List<string>> FindExpiredLeasesAsync(CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT id FROM rv_tasks WHERE state = 'running' AND lease_until < @now",
            r => r.GetString(0), cancellationToken, ("@now", Now()));

    /// <summary>Queued tasks and their Hangfire job ids, oldest first.</summary>
    public Task<List<(string Id, string? JobId, long QueuedAt)>> FindQueuedAsync(int limit, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT id, job_id, queued_at FROM rv_tasks WHERE state = 'queued' ORDER BY queued_at LIMIT @limit",
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2)),
            cancellationToken, ("@limit", (long)limit));

    /// <summary>Returns a running task with an expired lease to the queue; false when another node did it first.</summary>
    public async Task<bool> RequeueExpiredAsync(string id, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE rv_tasks SET state = 'queued', lease_owner = NULL, lease_until = NULL WHERE id = @id AND state = 'running' AND lease_until < @now",
            cancellationToken, ("@id", id), ("@now", Now())) == 1;

    /// <summary>Replaces the job id of a queued task, only when it still has <paramref name="expectedJobId"/>.</summary>
    public async Task<bool> ReplaceJobIdAsync(string id, string? expectedJobId, string newJobId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE rv_tasks SET job_id = @new WHERE id = @id AND state = 'queued' AND (job_id = @old OR (job_id IS NULL AND @old IS NULL))",
            cancellationToken, ("@id", id), ("@old", expectedJobId), ("@new", newJobId)) == 1;

    /// <summary>Deletes finished tasks that ended before <paramref name="cutoff"/> and returns their ids.</summary>
    public async Task<List<string>> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long limit = cutoff.ToUnixTimeMilliseconds();
        List<string> ids = await database.QueryAsync(
            "SELECT id FROM rv_tasks WHERE state IN ('completed', 'failed', 'cancelled') AND ended_at < @cutoff",
            r => r.GetString(0), cancellationToken, ("@cutoff", limit));
        foreach (string id in ids)
        {
            await database.ExecuteAsync("DELETE FROM rv_tasks WHERE id = @id", cancellationToken, ("@id", id));
            await database.ExecuteAsync("DELETE FROM rv_task_warnings WHERE task_id = @id", cancellationToken, ("@id", id));
        }

        return ids;
    }

    public Task AddUploadAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO rv_uploads (id, owner_key, file_name, file_type, size_bytes, created_at) VALUES (@id, @owner, @name, @type, @size, @created)",
            cancellationToken,
            ("@id", upload.Id), ("@owner", upload.OwnerKeyId), ("@name", upload.FileName), ("@type", upload.FileType),
            ("@size", upload.SizeBytes), ("@created", upload.CreatedAt.ToUnixTimeMilliseconds()));

    public async Task<UploadRecord?> GetUploadAsync(string id, string ownerKeyId, CancellationToken cancellationToken)
    {
        List<UploadRecord> rows = await database.QueryAsync(
            "SELECT id, owner_key, file_name, file_type, size_bytes, created_at FROM rv_uploads WHERE id = @id AND owner_key = @owner",
            r => new UploadRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5))),
            cancellationToken, ("@id", id), ("@owner", ownerKeyId));
        return rows.FirstOrDefault();
    }

    public async Task<List<string>> DeleteUploadsBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long limit = cutoff.ToUnixTimeMilliseconds();
        List<string> ids = await database.QueryAsync(
            "SELECT id FROM rv_uploads WHERE created_at < @cutoff", r => r.GetString(0), cancellationToken, ("@cutoff", limit));
        foreach (string id in ids)
        {
            await database.ExecuteAsync("DELETE FROM rv_uploads WHERE id = @id", cancellationToken, ("@id", id));
        }

        return ids;
    }

    private static TaskRecord Read(DbDataReader r)
    {
        return new TaskRecord
        {
            Id = r.GetString(0),
            OwnerKeyId = r.GetString(1),
            State = r.GetString(2),
            Progress = r.GetDouble(3),
            Stage = Text(r, 4),
            InputName = r.GetString(5),
            InputFormat = r.GetString(6),
            Printer = Text(r, 7),
            Preset = Text(r, 8),
            Support = Text(r, 9),
            OutputFormat = Text(r, 10),
            HasConfig = r.GetInt64(11) != 0,
            ArrayDimensions = Text(r, 12),
            PointCloudName = Text(r, 13),
            SettingsJson = Text(r, 14),
            FilesJson = Text(r, 15),
            QueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(16)),
            StartedAt = Time(r, 17),
            EndedAt = Time(r, 18),
            ErrorCode = Text(r, 19),
            ErrorMessage = Text(r, 20),
            ResultExtension = Text(r, 21),
            ResultContentType = Text(r, 22),
            ResultBytes = r.IsDBNull(23) ? null : r.GetInt64(23),
            PrintTimeSeconds = Number(r, 24),
            FilamentLengthMm = Number(r, 25),
            FilamentWeightGrams = Number(r, 26),
            LayerCount = r.IsDBNull(27) ? null : (int)r.GetInt64(27),
            JobId = Text(r, 28),
            LeaseOwner = Text(r, 29),
            LeaseUntil = Time(r, 30),
            SliceCount = (int)r.GetInt64(31),
            CompletedBy = Text(r, 32),
            CancelRequested = r.GetInt64(33) != 0,
        };
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? Number(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static DateTimeOffset? Time(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
}

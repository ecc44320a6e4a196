namespace RealVision.Service;

/// <summary>Where the service's task records and Hangfire queue live.</summary>
public enum StorageKind
{
    /// <summary>One SQLite file in the data folder (the embedded default, one node).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several service and worker nodes.</summary>
    PostgreSql,
}

/// <summary>
/// Settings of the REST service and its workers. They bind from the configuration section
/// "RealVision" (appsettings.json, environment variables such as REALVISION__DATAFOLDER,
/// command-line options); every value has a default.
/// </summary>
public sealed class ServiceOptions
{
    public const string SectionName = "RealVision";

    /// <summary>Folder for uploads, task inputs, results and (in SQLite mode) the database file.</summary>
    public string DataFolder { get; set; } = "realvision-data";

    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Npgsql connection string; required when <see cref="Storage"/> is PostgreSql.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>Schema for the task tables and Hangfire's tables in PostgreSQL mode.</summary>
    public string PostgreSqlSchema { get; set; } = "realvision";

    /// <summary>
    /// Path prefixes under which the API is served besides the root, separated by commas. The
    /// defaults are the prefixes that REALvision clients were configured with.
    /// </summary>
    public string PathPrefixes { get; set; } = "/REALvision,/v0.1,/v0.3,/v1";

    /// <summary>Hangfire workers in this process; 0 runs no slicing here (an API-only node).</summary>
    public int WorkerCount { get; set; } = Environment.ProcessorCount;

    /// <summary>How often an idle worker polls the queue, in milliseconds.</summary>
    public int QueuePollIntervalMs { get; set; } = 100;

    /// <summary>
    /// Lifetime of a worker's claim on a task, in seconds. A worker renews it while it slices; a task
    /// whose claim ran out (its worker crashed) is queued again.
    /// </summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>How long finished tasks and their files are kept, in hours.</summary>
    public double RetentionHours { get; set; } = 72;

    /// <summary>Uploads not used by a task are deleted after this many hours.</summary>
    public double UploadRetentionHours { get; set; } = 24;

    /// <summary>When true every API call also needs a bearer token from /oauth2/token.</summary>
    public bool RequireBearerToken { get; set; }

    /// <summary>Lifetime of issued access tokens, in seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// Create an operator key on first start when the key store is empty and print it once on
    /// standard output. Only done for SQLite storage.
    /// </summary>
    public bool CreateOperatorKey { get; set; } = true;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Most triangles in one task's models together.</summary>
    public long MaxTriangles { get; set; } = 5_000_000;

    /// <summary>Largest point-cloud (shore value) file, in bytes.</summary>
    public long MaxPointCloudBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most tasks one key may have queued or running at once.</summary>
    public int MaxQueuedTasksPerKey { get; set; } = 100;

    /// <summary>Deepest nesting accepted in a JSON body or workspace.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Extra plugin folders for the engine.</summary>
    public List<string> PluginFolders { get; set; } = new();

    /// <summary>Extra printer profile folders for the engine.</summary>
    public List<string> PrinterFolders { get; set; } = new();

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataFolder), "realvision.db");

    public IReadOnlyList<string> ParsedPathPrefixes =>
        PathPrefixes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "/" + p.Trim('/'))
            .Where(p => p.Length > 1)
            .ToList();

    /// <summary>Rejects settings that cannot work, naming the setting.</summary>
    public void Validate()
    {
        if (Storage == StorageKind.PostgreSql && string.IsNullOrWhiteSpace(PostgreSqlConnectionString))
        {
            throw new InvalidOperationException(
                "RealVision:Storage is PostgreSql but RealVision:PostgreSqlConnectionString is empty; set the Npgsql connection string.");
        }

        Require(WorkerCount >= 0, nameof(WorkerCount), WorkerCount, "0 or more");
        Require(QueuePollIntervalMs >= 10, nameof(QueuePollIntervalMs), QueuePollIntervalMs, "at least 10");
        Require(LeaseSeconds >= 2, nameof(LeaseSeconds), LeaseSeconds, "at least 2");
        Require(TokenLifetimeSeconds >= 1, nameof(TokenLifetimeSeconds), TokenLifetimeSeconds, "at least 1");
        Require(MaxRequestBodyBytes >= 1024, nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, "at least 1024");
        Require(MaxTriangles >= 1, nameof(MaxTriangles), MaxTriangles, "at least 1");
        Require(MaxPointCloudBytes >= 8, nameof(MaxPointCloudBytes), MaxPointCloudBytes, "at least 8");
        Require(MaxQueuedTasksPerKey >= 1, nameof(MaxQueuedTasksPerKey), MaxQueuedTasksPerKey, "at least 1");
        Require(MaxJsonDepth is >= 8 and <= 1000, nameof(MaxJsonDepth), MaxJsonDepth, "between 8 and 1000");
        Require(RetentionHours > 0, nameof(RetentionHours), RetentionHours, "above 0");
        Require(UploadRetentionHours > 0, nameof(UploadRetentionHours), UploadRetentionHours, "above 0");
    }

    private static void Require(bool condition, string name, object value, string range)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"RealVision:{name} is {value}; it must be {range}.");
        }
    }
}

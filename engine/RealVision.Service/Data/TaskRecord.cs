namespace RealVision.Service.Data;

/// <summary>Lifecycle states of a slicing task, as the REST API spells them.</summary>
public static class TaskStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string state) => state is Completed or Failed or Cancelled;
}

/// <summary>One row of rv_tasks: a slicing task, its request, progress, result and worker lease.</summary>
public sealed class TaskRecord
{
    public required string Id { get; init; }

    /// <summary>Id of the subscription key that created the task; no other key can read it.</summary>
    public required string OwnerKeyId { get; init; }

    public required string State { get; set; }

    /// <summary>0..1 while queued or running, 1 when completed, -1 after failure or cancellation.</summary>
    public double Progress { get; set; }

    public string? Stage { get; set; }

    /// <summary>The client's file name, used for messages and the download name only, never as a path.</summary>
    public required string InputName { get; init; }

    /// <summary>Input format plugin name: "rvwj" or "stl".</summary>
    public required string InputFormat { get; init; }

    public string? Printer { get; init; }

    public string? Preset { get; init; }

    public string? Support { get; init; }

    public string? OutputFormat { get; init; }

    /// <summary>True when the client sent its own printer configuration (config.xml in the task folder).</summary>
    public bool HasConfig { get; init; }

    /// <summary>Point-cloud grid as "nx,ny,nz", or null.</summary>
    public string? ArrayDimensions { get; init; }

    /// <summary>The point-cloud file's name as the workspace's FileReference gives it; the file is stored as pointcloud.pc.</summary>
    public string? PointCloudName { get; init; }

    /// <summary>Engine setting overrides as a JSON object, or null.</summary>
    public string? SettingsJson { get; init; }

    /// <summary>The files the task was created from, as a JSON array echoed by GET /ws/tasks/{id}.</summary>
    public string? FilesJson { get; init; }

    public DateTimeOffset QueuedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Extension of the result file with the dot (".gcode").</summary>
    public string? ResultExtension { get; set; }

    public string? ResultContentType { get; set; }

    public long? ResultBytes { get; set; }

    public double? PrintTimeSeconds { get; set; }

    public double? FilamentLengthMm { get; set; }

    public double? FilamentWeightGrams { get; set; }

    public int? LayerCount { get; set; }

    /// <summary>Warnings of a completed slice (mesh repairs, dropped features), kept beside the task row.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    public string? JobId { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>How many times a worker claimed the task to slice it (1 unless a worker died mid-task).</summary>
    public int SliceCount { get; set; }

    /// <summary>Worker that finished the task (node name and process id).</summary>
    public string? CompletedBy { get; set; }

    public bool CancelRequested { get; set; }
}

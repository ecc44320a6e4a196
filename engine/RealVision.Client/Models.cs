using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RealVision.Client;

/// <summary>Task states as the service spells them.</summary>
public static class TaskStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Completed or Failed or Cancelled;
}

/// <summary>Print time in seconds, filament length in millimetres and weight in grams of a completed task.</summary>
public sealed record PrintingInformation(double Time, double Length, double Weight, int? Layers);

/// <summary>The task object of GET /ws/tasks/{taskId}.</summary>
public sealed record SlicingTask
{
    public required string TaskId { get; init; }

    public required string Status { get; init; }

    /// <summary>0..1 while queued or running, 1 when completed, -1 after failure or cancellation.</summary>
    public double Progress { get; init; }

    public string? Stage { get; init; }

    public string? QueueDate { get; init; }

    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>What the engine repaired or left out (open mesh edges, dropped thin parts); empty until completed.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public PrintingInformation? PrintingInformation { get; init; }

    /// <summary>Name the download will carry, such as cubetest.gcode; null until completed.</summary>
    public string? FileName { get; init; }

    public string? DownloadUrl { get; init; }

    public JsonObject? Settings { get; init; }

    public JsonArray? Files { get; init; }

    /// <summary>Set by cancel replies: whether that call cancelled the task.</summary>
    public bool? Cancelled { get; init; }

    [JsonIgnore]
    public bool IsFinal => TaskStatuses.IsFinal(Status);
}

/// <summary>A downloaded result: its bytes and the file name from Content-Disposition.</summary>
public sealed record DownloadedResult(byte[] Content, string? FileName, string? ContentType);

/// <summary>Reply of POST /upload/{fileType}/{fileName}.</summary>
public sealed record UploadedFile(string FileId, string FileName, string Type);

/// <summary>The RPC GetPrintingInformation strings (empty while the task runs).</summary>
public sealed record RpcPrintingInformation(string Time, string Length, string Weight);

/// <summary>Reply of the token endpoint; every value is a string, as Azure AD v1 sends them.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] string ExpiresIn,
    [property: JsonPropertyName("expires_on")] string ExpiresOn,
    [property: JsonPropertyName("not_before")] string NotBefore,
    [property: JsonPropertyName("resource")] string? Resource,
    [property: JsonPropertyName("access_token")] string AccessToken);

/// <summary>A file sent with a task: its name (which decides its role) and content.</summary>
public sealed record TaskFile(string FileName, byte[] Content)
{
    public static TaskFile FromPath(string path) => new(Path.GetFileName(path), File.ReadAllBytes(path));
}

/// <summary>What POST /ws/tasks sends as a multipart form.</summary>
public sealed record TaskRequest
{
    /// <summary>The workspace (.rvwj, .json) or STL file.</summary>
    public required TaskFile Model { get; init; }

    public string? PrinterModel { get; init; }

    public string? ConfigPresetName { get; init; }

    /// <summary>"n" or "none"; the service prints without support.</summary>
    public string? SupportType { get; init; }

    /// <summary>A dialect plugin name such as "gcode"; GET /ws/info lists them.</summary>
    public string? OutputFormat { get; init; }

    /// <summary>Printer configuration (.xml) to use instead of a stored printer.</summary>
    public TaskFile? Config { get; init; }

    /// <summary>Point-cloud (.pc) file; its name must equal the workspace's FileReference.</summary>
    public TaskFile? PointCloud { get; init; }

    /// <summary>Cell counts along X, Y and Z of the point cloud.</summary>
    public int[]? ArrayDimensions { get; init; }

    /// <summary>Task id to use instead of a generated one (a GUID).</summary>
    public string? TaskId { get; init; }

    /// <summary>Engine setting overrides, such as layer_height = 0.1.</summary>
    public IDictionary<string, object>? Settings { get; init; }
}

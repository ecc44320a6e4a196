using System.Text.Json.Serialization;

namespace RealVision.Service.Api;

// Shapes of requests and replies for the OpenAPI document. The handlers read and write JSON by hand
// (member names in any casing, portal envelopes), so these records describe the wire format only.

/// <summary>Reply of POST /upload/{fileType}/{fileName}.</summary>
public sealed record UploadReply(string FileId, string FileName, string Type);

/// <summary>Multipart form of POST /ws/tasks.</summary>
public sealed record TaskForm(
    IFormFile File, IFormFile? ConfigFile, IFormFile? PointCloud, string? PrinterModel, string? ConfigPresetName,
    string? SupportType, string? ArrayDimensions, string? OutputFormat, string? TaskId, string? Settings);

/// <summary>A file of a JSON task request, from POST /upload.</summary>
public sealed record TaskFileReference(string FileId, string Type, string FileName);

/// <summary>JSON body of POST /ws/tasks; the ProvideFile body is accepted too.</summary>
public sealed record TaskRequest(
    IReadOnlyList<TaskFileReference> Files, IReadOnlyDictionary<string, object>? Settings, int[]? ArrayDimensions, string? TaskId);

/// <summary>Printing information of a completed task: seconds, millimetres of filament, grams.</summary>
public sealed record PrintingInformationReply(double Time, double Length, double Weight, int? Layers);

/// <summary>The task object of /ws/tasks.</summary>
public sealed record TaskReply(
    string TaskId, string Status, double Progress, string? Stage, string QueueDate, string StartDate, string EndDate,
    IReadOnlyList<TaskFileReference> Files, IReadOnlyDictionary<string, object> Settings, string? ErrorCode,
    string? ErrorMessage, PrintingInformationReply? PrintingInformation, string? FileName, string? DownloadUrl);

public sealed record TaskListReply(IReadOnlyList<TaskReply> Tasks);

/// <summary>Body of the RPC calls that take a task id (GetProgress, GetPrintingInformation, CancelSlicing, DownloadFile).</summary>
public sealed record RpcTaskIdRequest(string TaskId);

/// <summary>The workspace part of a ProvideFile body; WsConfigs is the workspace object or its JSON text.</summary>
public sealed record RpcWorkspaceFile(string FileName, object WsConfigs);

/// <summary>Body of ProvideFile.</summary>
public sealed record RpcProvideFileRequest(
    RpcWorkspaceFile File, string? SupportType, string? PrinterModel, string? ConfigPresetName, object? ConfigFile, string? TaskId);

/// <summary>Body of StartSlicingTask.</summary>
public sealed record RpcStartSlicingTaskRequest(
    string Filename, string FileId, string? SupportType, string? PrinterModel, string? ConfigPresetName, string? TaskId);

/// <summary>The RPC success envelope; every scalar inside result is a string.</summary>
public sealed record RpcEnvelope<T>(string ApiVersion, string CoreVersion, string RealvisionHtmlVersion, T Result);

public sealed record RpcActivation(string Activated);

public sealed record RpcTaskId(string TaskId);

public sealed record RpcFileId(string FileId);

public sealed record RpcProgress(string Progress);

public sealed record RpcPrintingInformation(string Time, string Length, string Weight);

public sealed record RpcCancel(string TaskId, string Cancelled);

/// <summary>Reply of POST /oauth2/token (Azure AD v1 shape, every value a string).</summary>
public sealed record TokenReply(
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] string ExpiresIn,
    [property: JsonPropertyName("ext_expires_in")] string ExtExpiresIn,
    [property: JsonPropertyName("expires_on")] string ExpiresOn,
    [property: JsonPropertyName("not_before")] string NotBefore,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("access_token")] string AccessToken);

/// <summary>The portal's error object.</summary>
public sealed record ErrorReply(
    string ApiVersion, string CoreVersion, string RealvisionHtmlVersion, int StatusCode, string StatusDescription,
    string Message, string ErrorCode, ErrorDetail Error);

public sealed record ErrorDetail(string ErrorCode, string ErrorMessage, IReadOnlyDictionary<string, object>? Details);

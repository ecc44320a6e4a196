using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RealVision.Engine.Pipeline;
using RealVision.Service.Data;
using RealVision.Service.Security;

namespace RealVision.Service.Api;

/// <summary>The REST endpoints: uploads, /ws/tasks (start, list, read, download, cancel) and /ws/info.</summary>
public static class RestEndpoints
{
    private static readonly string[] UploadTypes = { "WS", "STL", "PC", "XML" };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/upload/{fileType}/{fileName}", UploadAsync)
            .WithTags("REST").WithSummary("Upload a file (raw body) for a later POST /ws/tasks; fileType is WS, STL, PC or XML.")
            .WithMetadata(new DocumentedBody(typeof(byte[]), "application/octet-stream")).Produces<UploadReply>();
        app.MapPost("/ws/tasks", StartAsync)
            .WithTags("REST").WithSummary("Start a slicing task from a multipart form or a JSON body.")
            .WithMetadata(new DocumentedBody(typeof(TaskForm), "multipart/form-data"))
            .WithMetadata(new DocumentedBody(typeof(TaskRequest), "application/json"))
            .Produces<TaskReply>();
        app.MapGet("/ws/tasks", ListAsync)
            .WithTags("REST").WithSummary("List this key's tasks, newest first.").Produces<TaskListReply>();
        app.MapGet("/ws/tasks/{taskId}", GetAsync)
            .WithTags("REST").WithSummary("Read a task: status, progress, errors, printing information.").Produces<TaskReply>();
        app.MapGet("/ws/tasks/{taskId}/download", DownloadAsync)
            .WithTags("REST").WithSummary("Download a completed task's result (G-code or another dialect's file).")
            .Produces(200, contentType: "application/octet-stream");
        app.MapDelete("/ws/tasks/{taskId}", CancelAsync)
            .WithTags("REST").WithSummary("Cancel a queued or running task.").Produces<TaskReply>();
        app.MapPost("/ws/tasks/{taskId}/cancel", CancelAsync)
            .WithTags("REST").WithSummary("Cancel a queued or running task (for clients that cannot send DELETE).").Produces<TaskReply>();
        app.MapGet("/ws/info", Info)
            .WithTags("REST").WithSummary("Output formats, input formats, printers and limits of this service.");
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context, string fileType, string fileName, TaskStore store, FileStore files, ServiceOptions options)
    {
        ApiKeyInfo key = SubscriptionKeyMiddleware.KeyOf(context);
        string type = fileType.ToUpperInvariant();
        if (!UploadTypes.Contains(type))
        {
            throw ApiException.BadRequest($"File type '{fileType}' is unknown; use WS, STL, PC or XML.");
        }

        string id = Guid.NewGuid().ToString("N");
        long size = await SaveBodyAsync(context.Request.Body, files.UploadPath(id), context.RequestAborted);
        if (type == "PC" && size > options.MaxPointCloudBytes)
        {
            files.DeleteUpload(id);
            throw ApiException.Limit("MaxPointCloudBytes", options.MaxPointCloudBytes,
                $"The point-cloud file has {size} bytes, more than the limit of {options.MaxPointCloudBytes} (setting MaxPointCloudBytes).");
        }

        await store.AddUploadAsync(new UploadRecord(id, key.Id, fileName, type, size, DateTimeOffset.UtcNow), context.RequestAborted);
        return Results.Json(new UploadReply(Guid.ParseExact(id, "N").ToString("D"), fileName, type), ApiResponses.Json);
    }

    public static async Task<long> SaveBodyAsync(Stream body, string path, CancellationToken cancellationToken)
    {
        await using FileStream output = File.Create(path);
        await body.CopyToAsync(output, cancellationToken);
        return output.Length;
    }

    private static async Task<IResult> StartAsync(HttpContext context, SubmissionReader reader, TaskService tasks, ServiceOptions options)
    {
        ApiKeyInfo key = SubscriptionKeyMiddleware.KeyOf(context);
        TaskSubmission submission = reader.NewSubmission();
        try
        {
            if (JsonBody.IsMultipart(context.Request))
            {
                await reader.ReadMultipartAsync(context.Request, submission, context.RequestAborted);
            }
            else
            {
                using JsonDocument? body = await JsonBody.ReadAsync(context.Request, options.MaxJsonDepth, context.RequestAborted)
                    ?? throw ApiException.BadRequest("The request body is empty: send a multipart form with the workspace, or a JSON task request.");
                await reader.ReadJsonAsync(body.RootElement, key, submission, context.RequestAborted);
            }
        }
        catch
        {
            Directory.Delete(submission.StagingFolder, recursive: true);
            throw;
        }

        TaskRecord task = await tasks.SubmitAsync(key, submission, context.RequestAborted);
        return Results.Json(TaskJson.Task(task, context.Request.PathBase), ApiResponses.Json);
    }

    private static async Task<IResult> ListAsync(HttpContext context, TaskService tasks, int? limit)
    {
        ApiKeyInfo key = SubscriptionKeyMiddleware.KeyOf(context);
        List<TaskRecord> list = await tasks.ListAsync(key, limit ?? 100, context.RequestAborted);
        var array = new JsonArray(list.Select(t => (JsonNode?)TaskJson.Task(t, context.Request.PathBase)).ToArray());
        return Results.Json(new JsonObject { ["tasks"] = array }, ApiResponses.Json);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string taskId, TaskService tasks)
    {
        TaskRecord task = await tasks.GetAsync(SubscriptionKeyMiddleware.KeyOf(context), taskId, context.RequestAborted);
        return Results.Json(TaskJson.Task(task, context.Request.PathBase), ApiResponses.Json);
    }

    private static async Task DownloadAsync(HttpContext context, string taskId, TaskService tasks)
    {
        (TaskRecord task, string path, string fileName) = await tasks.OpenResultAsync(SubscriptionKeyMiddleware.KeyOf(context), taskId, context.RequestAborted);
        await SendResultAsync(context, task, path, fileName);
    }

    /// <summary>
    /// Sends a result file with an unquoted Content-Disposition filename, because .NET clients keep
    /// the quotes of a quoted value in the name they save.
    /// </summary>
    public static async Task SendResultAsync(HttpContext context, TaskRecord task, string path, string fileName)
    {
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
        context.Response.Headers["X-RealVision-TaskId"] = task.Id;
        await context.Response.SendFileAsync(path, context.RequestAborted);
    }

    private static async Task<IResult> CancelAsync(HttpContext context, string taskId, TaskService tasks)
    {
        (TaskRecord task, bool cancelled) = await tasks.CancelAsync(SubscriptionKeyMiddleware.KeyOf(context), taskId, context.RequestAborted);
        JsonObject json = TaskJson.Task(task, context.Request.PathBase);
        json["cancelled"] = cancelled;
        return Results.Json(json, ApiResponses.Json);
    }

    private static IResult Info(SlicingEngine engine, ServiceOptions options) => Results.Json(new JsonObject
    {
        ["apiVersion"] = ApiResponses.ServiceVersion,
        ["coreVersion"] = SlicingEngine.Version,
        ["outputFormats"] = new JsonArray(engine.Plugins.Dialects
            .Select(d => (JsonNode?)new JsonObject { ["name"] = d.Name, ["extension"] = d.FileExtension }).ToArray()),
        ["inputFormats"] = new JsonArray(engine.Plugins.InputFormats.SelectMany(f => f.Extensions).Distinct()
            .Select(e => (JsonNode?)e).ToArray()),
        ["printers"] = new JsonArray(engine.Printers.Profiles
            .Select(p => (JsonNode?)new JsonObject
            {
                ["name"] = p.Name,
                ["aliases"] = new JsonArray(p.Aliases.Select(a => (JsonNode?)a).ToArray()),
                ["preset"] = p.PresetName,
            }).ToArray()),
        ["limits"] = new JsonObject
        {
            ["maxRequestBodyBytes"] = options.MaxRequestBodyBytes,
            ["maxTriangles"] = options.MaxTriangles,
            ["maxPointCloudBytes"] = options.MaxPointCloudBytes,
            ["maxQueuedTasksPerKey"] = options.MaxQueuedTasksPerKey,
            ["maxJsonDepth"] = options.MaxJsonDepth,
        },
    }, ApiResponses.Json);
}

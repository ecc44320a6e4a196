using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RealVision.Service.Data;
using RealVision.Service.Security;

namespace RealVision.Service.Api;

/// <summary>
/// The RPC endpoints the existing REALvision clients call: JSON bodies in any member casing, replies in
/// the envelope {"apiVersion", "coreVersion", "realvisionHtmlVersion", "result": {...}} with string
/// members. ProvideFile and GetProgress also accept the 2019 multipart form and then reply in plain text.
/// </summary>
public static class RpcEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/GetActivationStatus", GetActivationStatusAsync)
            .WithTags("RPC").WithSummary("Check that the subscription is active.").Produces<RpcEnvelope<RpcActivation>>();
        app.MapPost("/ProvideFile", ProvideFileAsync)
            .WithTags("RPC").WithSummary("Start slicing a workspace sent in the body.")
            .WithMetadata(new DocumentedBody(typeof(RpcProvideFileRequest), "application/json")).Produces<RpcEnvelope<RpcTaskId>>();
        app.MapPost("/UploadFile", UploadFileAsync)
            .WithTags("RPC").WithSummary("Upload an STL file (multipart: FileName and file) for StartSlicingTask.")
            .Produces<RpcEnvelope<RpcFileId>>();
        app.MapPost("/StartSlicingTask", StartSlicingTaskAsync)
            .WithTags("RPC").WithSummary("Start slicing an uploaded STL file.")
            .WithMetadata(new DocumentedBody(typeof(RpcStartSlicingTaskRequest), "application/json")).Produces<RpcEnvelope<RpcTaskId>>();
        app.MapPost("/GetProgress", GetProgressAsync)
            .WithTags("RPC").WithSummary("Progress as text: \"1\" done, \"-1\" failed or cancelled, else 0..1.")
            .WithMetadata(new DocumentedBody(typeof(RpcTaskIdRequest), "application/json")).Produces<RpcEnvelope<RpcProgress>>();
        app.MapPost("/GetPrintingInformation", GetPrintingInformationAsync)
            .WithTags("RPC").WithSummary("Print time (s), filament length (mm) and weight (g) as strings; empty while running.")
            .WithMetadata(new DocumentedBody(typeof(RpcTaskIdRequest), "application/json")).Produces<RpcEnvelope<RpcPrintingInformation>>();
        app.MapPost("/CancelSlicing", CancelSlicingAsync)
            .WithTags("RPC").WithSummary("Cancel a task.")
            .WithMetadata(new DocumentedBody(typeof(RpcTaskIdRequest), "application/json")).Produces<RpcEnvelope<RpcCancel>>();
        app.MapMethods("/DownloadFile", new[] { "GET", "POST" }, DownloadFileAsync)
            .WithTags("RPC").WithSummary("Download the result; the task id comes from ?taskId= (any casing) or the JSON body.")
            .Produces(200, contentType: "application/octet-stream");
    }

    private static IResult GetActivationStatusAsync() =>
        ApiResponses.Envelope(new JsonObject { ["activated"] = "true" });

    private static async Task<IResult> ProvideFileAsync(HttpContext context, SubmissionReader reader, TaskService tasks, ServiceOptions options)
    {
        ApiKeyInfo key = SubscriptionKeyMiddleware.KeyOf(context);
        TaskSubmission submission = reader.NewSubmission();
        bool form = JsonBody.IsMultipart(context.Request);
        try
        {
            if (form)
            {
                await reader.ReadMultipartAsync(context.Request, submission, context.RequestAborted);
            }
            else
            {
                using JsonDocument body = await RequireBodyAsync(context, options);
                await reader.ReadJsonAsync(body.RootElement, key, submission, context.RequestAborted);
            }
        }
        catch
        {
            Directory.Delete(submission.StagingFolder, recursive: true);
            throw;
        }

        TaskRecord task = await tasks.SubmitAsync(key, submission, context.RequestAborted);
        return form ? Results.Text(task.Id) : ApiResponses.Envelope(new JsonObject { ["taskId"] = task.Id });
    }

    private static async Task<IResult> UploadFileAsync(HttpContext context, TaskStore store, FileStore files)
    {
        ApiKeyInfo key = SubscriptionKeyMiddleware.KeyOf(context);
        if (!JsonBody.IsMultipart(context.Request))
        {
            throw ApiException.BadRequest("UploadFile takes multipart/form-data with a 'FileName' text part and a 'file' part.");
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        IFormFile file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
            ?? throw ApiException.BadRequest("UploadFile has no file part; send the STL in a part named 'file'.",
                new JsonObject { ["file"] = new JsonArray("required") });
        string? name = form.FirstOrDefault(f => f.Key.Equals("FileName", StringComparison.OrdinalIgnoreCase)).Value.ToString();
        name = string.IsNullOrWhiteSpace(name) ? file.FileName : name;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiException.BadRequest("UploadFile needs the file's name in a 'FileName' part or in the file part.");
        }

        string id = Guid.NewGuid().ToString("N");
        await using (FileStream output = File.Create(files.UploadPath(id)))
        {
            await file.CopyToAsync(output, context.RequestAborted);
        }

        string type = Path.GetExtension(name).Equals(".stl", StringComparison.OrdinalIgnoreCase) ? "STL" : "WS";
        await store.AddUploadAsync(new UploadRecord(id, key.Id, name, type, file.Length, DateTimeOffset.UtcNow), context.RequestAborted);
        return ApiResponses.Envelope(new JsonObject { ["fileId"] = Guid.ParseExact(id, "N").ToString("D") });
    }

    private static async Task<IResult> StartSlicingTaskAsync(HttpContext context, SubmissionReader reader, TaskService tasks, ServiceOptions options)
    {
        ApiKeyInfo key = SubscriptionKeyMiddleware.KeyOf(context);
        using JsonDocument body = await RequireBodyAsync(context, options);
        TaskSubmission submission = reader.NewSubmission();
        try
        {
            await reader.ReadStartSlicingTaskAsync(body.RootElement, key, submission, context.RequestAborted);
        }
        catch
        {
            Directory.Delete(submission.StagingFolder, recursive: true);
            throw;
        }

        TaskRecord task = await tasks.SubmitAsync(key, submission, context.RequestAborted);
        return ApiResponses.Envelope(new JsonObject { ["taskId"] = task.Id });
    }

    private static async Task<IResult> GetProgressAsync(HttpContext context, TaskService tasks, ServiceOptions options)
    {
        (string? taskId, bool form) = await ReadTaskIdAsync(context, options, queryFirst: false);
        TaskRecord task = await tasks.GetAsync(SubscriptionKeyMiddleware.KeyOf(context), taskId, context.RequestAborted);
        string progress = TaskJson.ProgressText(task);
        return form ? Results.Text(progress) : ApiResponses.Envelope(new JsonObject { ["progress"] = progress });
    }

    private static async Task<IResult> GetPrintingInformationAsync(HttpContext context, TaskService tasks, ServiceOptions options)
    {
        (string? taskId, _) = await ReadTaskIdAsync(context, options, queryFirst: false);
        TaskRecord task = await tasks.GetAsync(SubscriptionKeyMiddleware.KeyOf(context), taskId, context.RequestAborted);
        TaskService.ThrowIfFailed(task);
        return ApiResponses.Envelope(TaskJson.PrintingInformation(task));
    }

    private static async Task<IResult> CancelSlicingAsync(HttpContext context, TaskService tasks, ServiceOptions options)
    {
        (string? taskId, _) = await ReadTaskIdAsync(context, options, queryFirst: false);
        (TaskRecord task, bool cancelled) = await tasks.CancelAsync(SubscriptionKeyMiddleware.KeyOf(context), taskId, context.RequestAborted);
        return ApiResponses.Envelope(new JsonObject { ["taskId"] = task.Id, ["cancelled"] = cancelled ? "true" : "false" });
    }

    private static async Task DownloadFileAsync(HttpContext context, TaskService tasks, ServiceOptions options)
    {
        (string? taskId, _) = await ReadTaskIdAsync(context, options, queryFirst: true);
        (TaskRecord task, string path, string fileName) = await tasks.OpenResultAsync(SubscriptionKeyMiddleware.KeyOf(context), taskId, context.RequestAborted);
        await RestEndpoints.SendResultAsync(context, task, path, fileName);
    }

    /// <summary>
    /// Finds the task id in the query (?taskId= or ?taskid=; query names ignore case), a JSON body member
    /// "taskId" in any casing, or the multipart form's "uniqueID" part.
    /// </summary>
    private static async Task<(string? TaskId, bool Form)> ReadTaskIdAsync(HttpContext context, ServiceOptions options, bool queryFirst)
    {
        string? fromQuery = context.Request.Query["taskId"].FirstOrDefault();
        if (queryFirst && !string.IsNullOrWhiteSpace(fromQuery))
        {
            return (fromQuery, false);
        }

        if (JsonBody.IsMultipart(context.Request))
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
            string? fromForm = form.FirstOrDefault(f => f.Key.Equals("uniqueID", StringComparison.OrdinalIgnoreCase)
                || f.Key.Equals("taskId", StringComparison.OrdinalIgnoreCase)).Value.ToString();
            return (RequireTaskId(string.IsNullOrWhiteSpace(fromForm) ? fromQuery : fromForm), true);
        }

        using JsonDocument? body = await JsonBody.ReadAsync(context.Request, options.MaxJsonDepth, context.RequestAborted);
        string? fromBody = body is null ? null : JsonBody.Text(body.RootElement, "taskId");
        return (RequireTaskId(string.IsNullOrWhiteSpace(fromBody) ? fromQuery : fromBody), false);
    }

    private static string RequireTaskId(string? taskId) =>
        string.IsNullOrWhiteSpace(taskId)
            ? throw ApiException.BadRequest("The request has no taskId: send {\"taskId\": \"<id>\"} in the body or ?taskId=<id>.",
                new JsonObject { ["taskId"] = new JsonArray("required") })
            : taskId;

    private static async Task<JsonDocument> RequireBodyAsync(HttpContext context, ServiceOptions options) =>
        await JsonBody.ReadAsync(context.Request, options.MaxJsonDepth, context.RequestAborted)
        ?? throw new ApiException(HttpStatusCode.BadRequest, RealVision.Abstractions.Errors.ErrorCodes.InvalidInput,
            "The request body is empty; send the JSON body described in the API documentation.");
}

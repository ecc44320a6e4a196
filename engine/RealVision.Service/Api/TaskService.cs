using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Plugins;
using RealVision.Engine.Pipeline;
using RealVision.Engine.Printers;
using RealVision.Engine.Settings;
using RealVision.Service.Data;
using RealVision.Service.Jobs;
using RealVision.Service.Security;

namespace RealVision.Service.Api;

/// <summary>
/// Checks and creates tasks, and reads, cancels and downloads them for the key that owns them.
/// Every endpoint generation (REST, RPC) goes through this class, so they apply the same rules.
/// </summary>
public sealed class TaskService
{
    private static readonly string[] NoSupport = { "n", "none" };

    private readonly SlicingEngine engine;
    private readonly TaskStore store;
    private readonly FileStore files;
    private readonly TaskQueue queue;
    private readonly RunningTasks running;
    private readonly ServiceOptions options;
    private readonly ILogger<TaskService> logger;

    public TaskService(
        SlicingEngine engine, TaskStore store, FileStore files, TaskQueue queue, RunningTasks running,
        ServiceOptions options, ILogger<TaskService> logger)
    {
        this.engine = engine;
        this.store = store;
        this.files = files;
        this.queue = queue;
        this.running = running;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>Names of the loaded dialect plugins: the output formats a task may ask for.</summary>
    public IReadOnlyList<string> OutputFormats => engine.Plugins.Dialects.Select(d => d.Name).ToList();

    /// <summary>Checks a submission, stores its task and queues it. Deletes the staging folder on any error.</summary>
    public async Task<TaskRecord> SubmitAsync(ApiKeyInfo key, TaskSubmission submission, CancellationToken cancellationToken)
    {
        try
        {
            TaskRecord task = await CreateAsync(key, submission, cancellationToken);
            logger.LogInformation("Task {TaskId} queued for key {KeyId}: {Input}, printer {Printer}", task.Id, key.Id, task.InputName, task.Printer);
            return task;
        }
        finally
        {
            if (Directory.Exists(submission.StagingFolder))
            {
                Directory.Delete(submission.StagingFolder, recursive: true);
            }
        }
    }

    private async Task<TaskRecord> CreateAsync(ApiKeyInfo key, TaskSubmission submission, CancellationToken cancellationToken)
    {
        string taskId = submission.RequestedTaskId is null ? Guid.NewGuid().ToString("D") : ParseTaskId(submission.RequestedTaskId);
        if (!submission.HasInput)
        {
            throw ApiException.BadRequest(
                "The request has no model: send a workspace (.rvwj) or STL file, or 'file' with 'FileName' and 'WsConfigs'.",
                new JsonObject { ["file"] = new JsonArray("required") });
        }

        string inputName = string.IsNullOrWhiteSpace(submission.InputName) ? "workspace.rvwj" : submission.InputName.Trim();
        IInputFormat format = engine.Plugins.FindInputFormat(Path.GetExtension(inputName))
            ?? throw new ApiException(HttpStatusCode.BadRequest, ErrorCodes.WrongWorkspaceExtension,
                $"'{inputName}' has an unsupported extension; send a workspace file (.rvwj or .json) or an STL file (.stl).");

        InputSummary summary = format.Name == "stl"
            ? InputInspector.InspectStl(submission.StagedInputPath)
            : InputInspector.InspectWorkspace(submission.StagedInputPath, inputName, options.MaxJsonDepth);
        if (summary.Triangles > options.MaxTriangles)
        {
            throw ApiException.Limit("MaxTriangles", options.MaxTriangles,
                $"'{inputName}' has {summary.Triangles} triangles, more than the limit of {options.MaxTriangles} (setting MaxTriangles).");
        }

        string? support = CheckSupport(submission.SupportType);
        string? outputFormat = CheckOutputFormat(submission.OutputFormat);
        PrinterProfile printer = CheckPrinter(submission);
        CheckSettings(printer, submission.Settings, outputFormat);
        string? dimensions = CheckPointCloud(submission, summary, inputName);

        if (format.Name == "stl" && !submission.Transform.IsIdentity)
        {
            StlTransformer.Apply(engine, submission.StagedInputPath, inputName, submission.Transform);
            submission.Settings["center_model"] = "false";
        }

        var task = new TaskRecord
        {
            Id = taskId,
            OwnerKeyId = key.Id,
            State = TaskStates.Queued,
            InputName = inputName,
            InputFormat = format.Name,
            Printer = submission.HasConfig ? printer.Name : submission.PrinterModel?.Trim() is { Length: > 0 } model ? model : printer.Name,
            Preset = string.IsNullOrWhiteSpace(submission.ConfigPresetName) ? null : submission.ConfigPresetName.Trim(),
            Support = support,
            OutputFormat = outputFormat,
            HasConfig = submission.HasConfig,
            ArrayDimensions = dimensions,
            PointCloudName = submission.HasPointCloud ? submission.PointCloudName : null,
            SettingsJson = submission.Settings.Count == 0 ? null : JsonSerializer.Serialize(submission.Settings),
            FilesJson = submission.Files.ToJsonString(),
            QueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(TaskStore.Now()),
        };

        StoreFiles(task, submission);
        CreateOutcome outcome = await store.TryCreateAsync(task, options.MaxQueuedTasksPerKey, cancellationToken);
        if (outcome == CreateOutcome.IdInUse)
        {
            throw new ApiException(HttpStatusCode.BadRequest, ServiceErrorCodes.TaskIdInUse,
                $"Task id {taskId} is already in use; to check the progress of that slicing task, call GetProgress.",
                new JsonObject { ["taskId"] = taskId });
        }

        if (outcome == CreateOutcome.TooManyActive)
        {
            throw ApiException.Limit("MaxQueuedTasksPerKey", options.MaxQueuedTasksPerKey,
                $"This key already has {options.MaxQueuedTasksPerKey} tasks queued or running (setting MaxQueuedTasksPerKey); wait for some to finish.");
        }

        Directory.Move(submission.StagingFolder, files.TaskFolder(taskId));
        await queue.EnqueueNewAsync(taskId, cancellationToken);
        return task;
    }

    // Files get their final names inside the staging folder, which then becomes the task folder.
    private void StoreFiles(TaskRecord task, TaskSubmission submission)
    {
        File.Move(submission.StagedInputPath, Path.Combine(submission.StagingFolder, "input." + task.InputFormat));
    }

    /// <summary>Parses a task id sent by a client: any GUID format and case; URE005 (400) otherwise.</summary>
    public static string ParseTaskId(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Guid.TryParse(text.Trim(), out Guid id))
        {
            throw new ApiException(HttpStatusCode.BadRequest, ServiceErrorCodes.InvalidTaskId,
                $"The TaskId provided is not valid: '{text}' is not a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e.",
                new JsonObject { ["taskId"] = text });
        }

        return id.ToString("D");
    }

    private static string? CheckSupport(string? supportType)
    {
        if (string.IsNullOrWhiteSpace(supportType) || NoSupport.Contains(supportType.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(supportType) ? null : supportType.Trim();
        }

        // NOTE: the engine generates no support structures yet, so "b" (from the plate) and "e" (everywhere) are rejected.
        throw ApiException.BadRequest(
            $"supportType '{supportType}' is not available: this service prints without support, so send 'n' or 'none'.",
            new JsonObject { ["supportType"] = new JsonArray("only 'n' or 'none' is supported") });
    }

    private string? CheckOutputFormat(string? outputFormat)
    {
        if (string.IsNullOrWhiteSpace(outputFormat))
        {
            return null;
        }

        string wanted = outputFormat.Trim().TrimStart('.');
        if (RealVision.Engine.Dialects.FcodePolicy.IsFcode(wanted) && engine.Plugins.FindDialect(wanted) is null)
        {
            throw new ApiException(HttpStatusCode.BadRequest, ErrorCodes.FcodeNotWritten, RealVision.Engine.Dialects.FcodePolicy.Message,
                new JsonObject { ["outputFormat"] = new JsonArray(OutputFormats.Select(f => (JsonNode?)f).ToArray()) });
        }

        IPrinterDialect? dialect = engine.Plugins.Dialects.FirstOrDefault(d =>
            string.Equals(d.Name, wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.FileExtension.TrimStart('.'), wanted, StringComparison.OrdinalIgnoreCase));
        return dialect?.Name ?? throw ApiException.BadRequest(
            $"outputFormat '{outputFormat}' is not available; the loaded dialect plugins write: {string.Join(", ", OutputFormats)}.",
            new JsonObject { ["outputFormat"] = new JsonArray(OutputFormats.Select(f => (JsonNode?)f).ToArray()) });
    }

    private PrinterProfile CheckPrinter(TaskSubmission submission)
    {
        try
        {
            if (!submission.HasConfig)
            {
                return PrinterSelection.Resolve(engine, submission.PrinterModel, submission.ConfigPresetName);
            }

            string name = submission.ConfigName ?? "config.xml";
            if (!name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiException(HttpStatusCode.BadRequest, ErrorCodes.WrongConfigExtension,
                    $"Wrong config file extension: '{name}' is not a workstation file; send an .xml file.");
            }

            using FileStream stream = File.OpenRead(submission.StagedConfigPath);
            string? preset = string.IsNullOrWhiteSpace(submission.ConfigPresetName) ? null : submission.ConfigPresetName;
            return WorkstationReader.Read(stream, name, name, preset);
        }
        catch (RealVisionException ex)
        {
            throw ApiException.FromEngine(ex);
        }
    }

    private static void CheckSettings(PrinterProfile printer, Dictionary<string, string> overrides, string? outputFormat)
    {
        var request = new Dictionary<string, string>(overrides, StringComparer.OrdinalIgnoreCase);
        if (outputFormat is not null)
        {
            request["output_format"] = outputFormat;
        }

        try
        {
            SettingsResolver.Resolve(($"printer '{printer.Name}'", printer.Settings), ("request", request));
        }
        catch (RealVisionException ex)
        {
            throw ApiException.FromEngine(ex);
        }
    }

    /// <summary>Checks the point-cloud file against arrayDimensions and the workspace's FileReference; returns "nx,ny,nz".</summary>
    private string? CheckPointCloud(TaskSubmission submission, InputSummary summary, string inputName)
    {
        if (!submission.HasPointCloud)
        {
            if (summary.FileReferences.Count > 0)
            {
                throw ApiException.BadRequest(
                    $"Workspace '{inputName}' refers to point-cloud file '{summary.FileReferences[0]}', but the request has no point-cloud file; send it with the workspace.");
            }

            return null;
        }

        string pointCloudName = submission.PointCloudName ?? "";
        if (!summary.FileReferences.Contains(pointCloudName, StringComparer.OrdinalIgnoreCase))
        {
            string referenced = summary.FileReferences.Count == 0 ? "no FileReference at all" : $"FileReference '{string.Join("', '", summary.FileReferences)}'";
            throw ApiException.BadRequest(
                $"Point-cloud file '{pointCloudName}' does not match the workspace, which has {referenced}; the names must be equal.");
        }

        int[] dimensions = ParseDimensions(submission.ArrayDimensionsText);
        long size = new FileInfo(submission.StagedPointCloudPath).Length;
        long expected = 8L * dimensions[0] * dimensions[1] * dimensions[2];
        if (size > options.MaxPointCloudBytes)
        {
            throw ApiException.Limit("MaxPointCloudBytes", options.MaxPointCloudBytes,
                $"Point-cloud file '{pointCloudName}' has {size} bytes, more than the limit of {options.MaxPointCloudBytes} (setting MaxPointCloudBytes).");
        }

        if (size != expected)
        {
            throw ApiException.BadRequest(
                $"Point-cloud file '{pointCloudName}' has {size} bytes, but arrayDimensions [{string.Join(", ", dimensions)}] need {expected} (8 bytes per value).");
        }

        return string.Join(",", dimensions);
    }

    private static int[] ParseDimensions(string? text)
    {
        string[] parts = (text ?? "").Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        bool valid = parts.Length == 3;
        for (int i = 0; valid && i < 3; i++)
        {
            valid = int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) && values[i] > 0;
        }

        return valid
            ? values
            : throw ApiException.BadRequest(
                $"arrayDimensions '{text}' is invalid: a point-cloud task needs three positive whole numbers, the cell counts along X, Y and Z, such as [30, 30, 6].",
                new JsonObject { ["arrayDimensions"] = new JsonArray("three positive integers required") });
    }

    /// <summary>Finds a task of this key. URE005: 400 for a malformed id, 404 for an unknown one or one of another key.</summary>
    public async Task<TaskRecord> GetAsync(ApiKeyInfo key, string? taskIdText, CancellationToken cancellationToken)
    {
        string taskId = ParseTaskId(taskIdText);
        TaskRecord? task = await store.GetAsync(taskId, cancellationToken);
        if (task is null || task.OwnerKeyId != key.Id)
        {
            throw new ApiException(HttpStatusCode.NotFound, ServiceErrorCodes.InvalidTaskId,
                $"The TaskId provided is not valid: no task {taskId} exists for this subscription key.",
                new JsonObject { ["taskId"] = taskId });
        }

        if (task.State == TaskStates.Running && running.Find(taskId) is { } live)
        {
            task.Progress = Math.Min(live.Progress, 0.9999);
            task.Stage = live.Stage;
        }

        if (task.State == TaskStates.Completed)
        {
            task.Warnings = await store.GetWarningsAsync(taskId, cancellationToken);
        }

        return task;
    }

    public Task<List<TaskRecord>> ListAsync(ApiKeyInfo key, int limit, CancellationToken cancellationToken) =>
        store.ListForOwnerAsync(key.Id, Math.Clamp(limit, 1, 1000), cancellationToken);

    /// <summary>Cancels a queued or running task; returns the task and whether this call cancelled it.</summary>
    public async Task<(TaskRecord Task, bool Cancelled)> CancelAsync(ApiKeyInfo key, string? taskIdText, CancellationToken cancellationToken)
    {
        TaskRecord task = await GetAsync(key, taskIdText, cancellationToken);
        bool cancelled = await store.CancelAsync(task.Id, key.Id, cancellationToken);
        if (cancelled)
        {
            running.Cancel(task.Id);
            logger.LogInformation("Task {TaskId} cancelled by key {KeyId}", task.Id, key.Id);
        }

        return (await GetAsync(key, task.Id, cancellationToken), cancelled);
    }

    /// <summary>Opens the result of a completed task: 404 URE006 before it exists, 500 SF000 after failure.</summary>
    public async Task<(TaskRecord Task, string Path, string FileName)> OpenResultAsync(ApiKeyInfo key, string? taskIdText, CancellationToken cancellationToken)
    {
        TaskRecord task = await GetAsync(key, taskIdText, cancellationToken);
        ThrowIfFailed(task);
        if (task.State != TaskStates.Completed || task.ResultExtension is null)
        {
            throw new ApiException(HttpStatusCode.NotFound, ServiceErrorCodes.NoResult,
                $"File not found: task {task.Id} is {task.State} and has no result file yet; poll GetProgress until it returns 1.",
                new JsonObject { ["taskId"] = task.Id, ["status"] = task.State });
        }

        string path = files.ResultPath(task.Id, task.ResultExtension);
        if (!File.Exists(path))
        {
            logger.LogError("Task {TaskId} is completed but its result file {Path} is missing", task.Id, path);
            throw new ApiException(HttpStatusCode.NotFound, ServiceErrorCodes.NoResult,
                $"File not found: the result of task {task.Id} is no longer stored.", new JsonObject { ["taskId"] = task.Id });
        }

        return (task, path, DownloadName(task));
    }

    /// <summary>Throws 500 SF000 for a failed or cancelled task, with the original code in the details.</summary>
    public static void ThrowIfFailed(TaskRecord task)
    {
        if (task.State is TaskStates.Failed or TaskStates.Cancelled)
        {
            string reason = task.State == TaskStates.Cancelled ? "it was cancelled" : $"{task.ErrorCode}: {task.ErrorMessage}";
            throw new ApiException(HttpStatusCode.InternalServerError, ErrorCodes.SlicingFailed,
                $"The slicing task failed ({reason}).",
                new JsonObject { ["taskId"] = task.Id, ["status"] = task.State, ["cause"] = task.ErrorCode });
        }
    }

    /// <summary>Download name: the input's stem with the result's extension, limited to letters, digits, '-', '_' and '.'.</summary>
    public static string DownloadName(TaskRecord task)
    {
        string stem = Path.GetFileNameWithoutExtension(task.InputName);
        string safe = new(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        safe = safe.Trim('.');
        return (safe.Length == 0 ? "result" : safe) + (task.ResultExtension ?? "");
    }
}

using System.Text;
using System.Text.Json;
using RealVision.Abstractions.Errors;
using RealVision.Service.Data;
using RealVision.Service.Security;

namespace RealVision.Service.Api;

/// <summary>
/// Reads the request shapes that start a task into a <see cref="TaskSubmission"/>, writing the files
/// into a fresh staging folder: multipart and JSON bodies of POST /ws/tasks, ProvideFile and
/// StartSlicingTask. Field names are matched case-insensitively.
/// </summary>
public sealed class SubmissionReader
{
    // Fields of a task request; any other member of a "settings" object is an engine setting.
    private static readonly HashSet<string> TaskFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "printerModel", "configPresetName", "supportType", "outputFormat", "arrayDimensions", "taskId",
        "filamentPresetName", "configFile",
    };

    private readonly FileStore files;
    private readonly TaskStore store;
    private readonly ServiceOptions options;

    public SubmissionReader(FileStore files, TaskStore store, ServiceOptions options)
    {
        this.files = files;
        this.store = store;
        this.options = options;
    }

    public TaskSubmission NewSubmission() => new() { StagingFolder = files.NewStagingFolder() };

    /// <summary>
    /// Reads multipart/form-data: a model part (field "file", "workspace" or "model", or any file
    /// part named *.rvwj, *.json or *.stl), an optional .xml configuration part and an optional
    /// point-cloud part, plus the task fields as text parts.
    /// </summary>
    public async Task ReadMultipartAsync(HttpRequest request, TaskSubmission submission, CancellationToken cancellationToken)
    {
        IFormCollection form = await request.ReadFormAsync(cancellationToken);
        foreach (IFormFile file in form.Files)
        {
            string field = file.Name;
            string extension = Path.GetExtension(file.FileName ?? "").ToLowerInvariant();
            if (field.Equals("pointCloud", StringComparison.OrdinalIgnoreCase) || field.Equals("pc", StringComparison.OrdinalIgnoreCase)
                || extension == ".pc")
            {
                await SaveAsync(file, submission.StagedPointCloudPath, options.MaxPointCloudBytes, "MaxPointCloudBytes", cancellationToken);
                submission.HasPointCloud = true;
                submission.PointCloudName = file.FileName;
                submission.AddFileEcho(file.FileName, "PC");
            }
            else if (field.Equals("configFile", StringComparison.OrdinalIgnoreCase) || field.Equals("config", StringComparison.OrdinalIgnoreCase)
                     || extension == ".xml")
            {
                if (file.Length == 0 && string.IsNullOrEmpty(file.FileName))
                {
                    // The multipart clients send an empty, unnamed configFile part when they have no configuration.
                    continue;
                }

                await SaveAsync(file, submission.StagedConfigPath, long.MaxValue, "", cancellationToken);
                submission.HasConfig = true;
                submission.ConfigName = string.IsNullOrEmpty(file.FileName) ? "config" : file.FileName;
                submission.AddFileEcho(submission.ConfigName, "XML");
            }
            else if (!submission.HasInput)
            {
                await SaveAsync(file, submission.StagedInputPath, long.MaxValue, "", cancellationToken);
                submission.HasInput = true;
                submission.InputName = file.FileName;
                submission.AddFileEcho(file.FileName, extension == ".stl" ? "STL" : "WS");
            }
            else
            {
                throw ApiException.BadRequest(
                    $"The form has more than one model file ('{submission.InputName}' and '{file.FileName}'); send one workspace or STL per task.");
            }
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in form)
        {
            string value = values.ToString();
            if (name.Equals("settings", StringComparison.OrdinalIgnoreCase))
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    using JsonDocument settings = JsonBody.Parse(Encoding.UTF8.GetBytes(value), options.MaxJsonDepth, "settings field");
                    ReadSettingsObject(settings.RootElement, submission);
                }
            }
            else if (name.Equals("fileName", StringComparison.OrdinalIgnoreCase) || name.Equals("file.FileName", StringComparison.OrdinalIgnoreCase))
            {
                submission.InputName = string.IsNullOrWhiteSpace(value) ? submission.InputName : value;
            }
            else
            {
                ApplyTaskField(submission, name, value);
            }
        }
    }

    /// <summary>
    /// Reads a JSON task request: the REST shape {"files": [...], "settings": {...}}, or the ProvideFile
    /// shape {"file": {"FileName", "WsConfigs"}, "printerModel", ...} that older clients also send to /ws/tasks.
    /// </summary>
    public async Task ReadJsonAsync(JsonElement root, ApiKeyInfo key, TaskSubmission submission, CancellationToken cancellationToken)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"The request body must be a JSON object, not {root.ValueKind}.");
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.Name.Equals("settings", StringComparison.OrdinalIgnoreCase))
            {
                ReadSettingsObject(property.Value, submission);
            }
            else if (property.Name.Equals("configFile", StringComparison.OrdinalIgnoreCase))
            {
                await ReadConfigMemberAsync(property.Value, submission, cancellationToken);
            }
            else if (property.Name.Equals("arrayDimensions", StringComparison.OrdinalIgnoreCase))
            {
                submission.ArrayDimensionsText = property.Value.ValueKind == JsonValueKind.Array
                    ? string.Join(",", property.Value.EnumerateArray().Select(e => JsonBody.Text(e)))
                    : JsonBody.Text(property.Value);
            }
            else if (TaskFields.Contains(property.Name))
            {
                ApplyTaskField(submission, property.Name, JsonBody.Text(property.Value));
            }
        }

        if (JsonBody.Member(root, "files") is { ValueKind: JsonValueKind.Array } fileList)
        {
            foreach (JsonElement file in fileList.EnumerateArray())
            {
                await ReadUploadReferenceAsync(file, key, submission, cancellationToken);
            }
        }

        JsonElement? workspaceFile = JsonBody.Member(root, "file");
        JsonElement holder = workspaceFile is { ValueKind: JsonValueKind.Object } ? workspaceFile.Value : root;
        if (JsonBody.Member(holder, "wsConfigs") is { } workspace)
        {
            string name = JsonBody.Text(holder, "fileName") ?? "workspace.rvwj";
            await WriteWorkspaceMemberAsync(workspace, name, submission, cancellationToken);
        }
    }

    /// <summary>Reads a StartSlicingTask body: an upload id from UploadFile plus the task fields and the model transform.</summary>
    public async Task ReadStartSlicingTaskAsync(JsonElement root, ApiKeyInfo key, TaskSubmission submission, CancellationToken cancellationToken)
    {
        await ReadJsonAsync(root, key, submission, cancellationToken);
        string? fileId = JsonBody.Text(root, "fileId");
        if (string.IsNullOrWhiteSpace(fileId))
        {
            throw ApiException.BadRequest("Member 'fileId' is missing: call UploadFile first and pass the fileId it returns.",
                new System.Text.Json.Nodes.JsonObject { ["fileId"] = new System.Text.Json.Nodes.JsonArray("required") });
        }

        UploadRecord upload = await FindUploadAsync(fileId, key, cancellationToken);
        File.Copy(files.UploadPath(upload.Id), submission.StagedInputPath, overwrite: true);
        submission.HasInput = true;
        // The STL clients may name the task without an extension ("calicat"); the upload decides the format.
        string uploadExtension = Path.GetExtension(upload.FileName);
        string name = JsonBody.Text(root, "filename") is { Length: > 0 } given ? given : upload.FileName;
        submission.InputName = Path.GetExtension(name).Equals(uploadExtension, StringComparison.OrdinalIgnoreCase) ? name : name + uploadExtension;
        submission.AddFileEcho(submission.InputName, upload.FileType, upload.Id);
        submission.Transform = ReadTransform(root);
    }

    private static ModelTransform ReadTransform(JsonElement root)
    {
        JsonElement position = JsonBody.Member(root, "position") ?? default;
        JsonElement rotation = JsonBody.Member(root, "rotation") ?? default;
        JsonElement scale = JsonBody.Member(root, "scale") ?? default;
        return new ModelTransform(
            JsonBody.Number(position, "x", 0), JsonBody.Number(position, "y", 0), JsonBody.Number(position, "z", 0),
            JsonBody.Number(rotation, "x", 0), JsonBody.Number(rotation, "y", 0), JsonBody.Number(rotation, "z", 0),
            JsonBody.Number(scale, "x", 1), JsonBody.Number(scale, "y", 1), JsonBody.Number(scale, "z", 1));
    }

    private async Task ReadUploadReferenceAsync(JsonElement file, ApiKeyInfo key, TaskSubmission submission, CancellationToken cancellationToken)
    {
        string? fileId = JsonBody.Text(file, "fileId");
        if (string.IsNullOrWhiteSpace(fileId))
        {
            throw ApiException.BadRequest("Every entry of 'files' needs a 'fileId' from POST /upload/{fileType}/{fileName}.");
        }

        UploadRecord upload = await FindUploadAsync(fileId, key, cancellationToken);
        string type = (JsonBody.Text(file, "type") ?? upload.FileType).ToUpperInvariant();
        string name = JsonBody.Text(file, "fileName") is { Length: > 0 } given ? given : upload.FileName;
        switch (type)
        {
            case "PC":
                CheckSize(upload.SizeBytes, options.MaxPointCloudBytes, "MaxPointCloudBytes", "point-cloud file");
                File.Copy(files.UploadPath(upload.Id), submission.StagedPointCloudPath, overwrite: true);
                submission.HasPointCloud = true;
                submission.PointCloudName = name;
                break;
            case "XML":
                File.Copy(files.UploadPath(upload.Id), submission.StagedConfigPath, overwrite: true);
                submission.HasConfig = true;
                submission.ConfigName = name;
                break;
            case "WS" or "STL":
                if (submission.HasInput)
                {
                    throw ApiException.BadRequest("The task lists more than one model file (WS or STL); send one per task.");
                }

                File.Copy(files.UploadPath(upload.Id), submission.StagedInputPath, overwrite: true);
                submission.HasInput = true;
                submission.InputName = name;
                break;
            default:
                throw ApiException.BadRequest($"File type '{type}' is unknown; use WS, STL, PC or XML.");
        }

        submission.AddFileEcho(name, type, upload.Id);
    }

    private async Task<UploadRecord> FindUploadAsync(string fileId, ApiKeyInfo key, CancellationToken cancellationToken)
    {
        string normalized = Guid.TryParse(fileId, out Guid guid) ? guid.ToString("N") : "";
        UploadRecord? upload = normalized.Length == 0 ? null : await store.GetUploadAsync(normalized, key.Id, cancellationToken);
        return upload ?? throw new ApiException(System.Net.HttpStatusCode.NotFound, ErrorCodes.MissingFile,
            $"File '{fileId}' was not found: upload it first (uploads are kept {options.UploadRetentionHours} hours).");
    }

    private async Task WriteWorkspaceMemberAsync(JsonElement workspace, string name, TaskSubmission submission, CancellationToken cancellationToken)
    {
        if (submission.HasInput)
        {
            throw ApiException.BadRequest("The request carries two workspaces (a file and WsConfigs); send one.");
        }

        byte[] content = workspace.ValueKind switch
        {
            JsonValueKind.Object => Encoding.UTF8.GetBytes(workspace.GetRawText()),
            // C# clients send the workspace file's text as one JSON string.
            JsonValueKind.String => Encoding.UTF8.GetBytes(workspace.GetString()!),
            _ => throw ApiException.BadRequest(
                $"Member 'WsConfigs' must be the workspace as a JSON object or as a string holding its JSON, not {workspace.ValueKind}."),
        };
        await File.WriteAllBytesAsync(submission.StagedInputPath, content, cancellationToken);
        submission.HasInput = true;
        submission.InputName = name;
        submission.AddFileEcho(name, "WS");
    }

    /// <summary>
    /// Reads ProvideFile's configFile: "" or {} or null means "use the stored printer"; a non-empty
    /// string is the XML text; an object {"FileName", "Content"} names it.
    /// </summary>
    private static async Task ReadConfigMemberAsync(JsonElement config, TaskSubmission submission, CancellationToken cancellationToken)
    {
        string? name = null;
        string? content;
        switch (config.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
            case JsonValueKind.String:
                content = config.GetString();
                if (string.IsNullOrEmpty(content))
                {
                    return;
                }

                break;
            case JsonValueKind.Object:
                if (!config.EnumerateObject().Any())
                {
                    return;
                }

                name = JsonBody.Text(config, "fileName");
                content = JsonBody.Text(config, "content") ?? "";
                break;
            default:
                throw ApiException.BadRequest($"Member 'configFile' must be a string or an object, not {config.ValueKind}.");
        }

        await File.WriteAllTextAsync(submission.StagedConfigPath, content, cancellationToken);
        submission.HasConfig = true;
        submission.ConfigName = string.IsNullOrWhiteSpace(name) ? "config.xml" : name;
        submission.AddFileEcho(submission.ConfigName, "XML");
    }

    private static void ReadSettingsObject(JsonElement settings, TaskSubmission submission)
    {
        if (settings.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"Member 'settings' must be a JSON object, not {settings.ValueKind}.");
        }

        foreach (JsonProperty property in settings.EnumerateObject())
        {
            if (property.Name.Equals("arrayDimensions", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
            {
                submission.ArrayDimensionsText = string.Join(",", property.Value.EnumerateArray().Select(e => JsonBody.Text(e)));
            }
            else if (TaskFields.Contains(property.Name))
            {
                ApplyTaskField(submission, property.Name, JsonBody.Text(property.Value));
            }
            else
            {
                submission.Settings[property.Name] = JsonBody.Text(property.Value)
                    ?? throw new SettingsException($"Setting '{property.Name}' must be a number, boolean or string, not {property.Value.ValueKind}.");
            }
        }
    }

    private static void ApplyTaskField(TaskSubmission submission, string name, string? value)
    {
        switch (name.ToLowerInvariant())
        {
            case "printermodel":
                submission.PrinterModel = value;
                break;
            case "configpresetname":
                submission.ConfigPresetName = value;
                break;
            case "supporttype":
                submission.SupportType = value;
                break;
            case "outputformat":
                submission.OutputFormat = value;
                break;
            case "arraydimensions":
                submission.ArrayDimensionsText = value;
                break;
            case "taskid":
                submission.RequestedTaskId = string.IsNullOrWhiteSpace(value) ? null : value;
                break;
        }
    }

    private static async Task SaveAsync(IFormFile file, string path, long limit, string setting, CancellationToken cancellationToken)
    {
        CheckSize(file.Length, limit, setting, $"file '{file.FileName}'");
        await using FileStream output = File.Create(path);
        await file.CopyToAsync(output, cancellationToken);
    }

    private static void CheckSize(long size, long limit, string setting, string description)
    {
        if (size > limit)
        {
            throw ApiException.Limit(setting, limit, $"The {description} has {size} bytes, more than the limit of {limit} bytes (setting {setting}).");
        }
    }
}

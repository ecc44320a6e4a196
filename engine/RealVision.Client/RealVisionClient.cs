using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RealVision.Client;

/// <summary>
/// An error reply of the service: the HTTP status and the portal's error code (URE000..URE007, SF000,
/// RV..., AUTH001..AUTH003) with its message.
/// </summary>
public sealed class RealVisionApiException : Exception
{
    public RealVisionApiException(HttpStatusCode statusCode, string? errorCode, string message, JsonNode? body)
        : base($"{(int)statusCode} {errorCode}: {message}")
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = message;
        Body = body;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ErrorCode { get; }

    public string ErrorMessage { get; }

    /// <summary>The whole error object as sent.</summary>
    public JsonNode? Body { get; }
}

/// <summary>
/// Typed client of the RealVision slicing service. It sends the subscription key on every call and a
/// bearer token when <see cref="BearerToken"/> is set. Thread-safe as long as the HttpClient is.
/// </summary>
public sealed class RealVisionClient : IDisposable
{
    public const string SubscriptionKeyHeader = "Ocp-Apim-Subscription-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly bool ownsHttp;

    /// <summary>Uses <paramref name="http"/>, whose BaseAddress must end with "/" (for example http://127.0.0.1:5000/).</summary>
    public RealVisionClient(HttpClient http, string subscriptionKey)
    {
        this.http = http;
        SubscriptionKey = subscriptionKey;
    }

    public RealVisionClient(Uri baseAddress, string subscriptionKey)
        : this(new HttpClient { BaseAddress = EnsureSlash(baseAddress) }, subscriptionKey)
    {
        ownsHttp = true;
    }

    public string SubscriptionKey { get; set; }

    /// <summary>Access token from <see cref="RequestTokenAsync"/>; sent as "Authorization: Bearer" when set.</summary>
    public string? BearerToken { get; set; }

    // ---- REST: /ws/tasks -------------------------------------------------------------------------

    /// <summary>Starts a task with POST /ws/tasks as a multipart form.</summary>
    public async Task<SlicingTask> SubmitTaskAsync(TaskRequest request, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(request.Model.Content), "file", request.Model.FileName);
        if (request.Config is not null)
        {
            form.Add(new ByteArrayContent(request.Config.Content), "configFile", request.Config.FileName);
        }

        if (request.PointCloud is not null)
        {
            form.Add(new ByteArrayContent(request.PointCloud.Content), "pointCloud", request.PointCloud.FileName);
        }

        AddText(form, "printerModel", request.PrinterModel);
        AddText(form, "configPresetName", request.ConfigPresetName);
        AddText(form, "supportType", request.SupportType);
        AddText(form, "outputFormat", request.OutputFormat);
        AddText(form, "taskId", request.TaskId);
        AddText(form, "arrayDimensions", request.ArrayDimensions is null ? null : string.Join(",", request.ArrayDimensions));
        AddText(form, "settings", request.Settings is null ? null : JsonSerializer.Serialize(request.Settings));
        return await SendAsync<SlicingTask>(HttpMethod.Post, "ws/tasks", form, cancellationToken);
    }

    /// <summary>Starts a task with POST /ws/tasks and a JSON body (files from <see cref="UploadAsync"/>, settings).</summary>
    public Task<SlicingTask> SubmitTaskJsonAsync(JsonObject body, CancellationToken cancellationToken = default) =>
        SendAsync<SlicingTask>(HttpMethod.Post, "ws/tasks", JsonContent(body), cancellationToken);

    public Task<SlicingTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        SendAsync<SlicingTask>(HttpMethod.Get, $"ws/tasks/{Uri.EscapeDataString(taskId)}", null, cancellationToken);

    public async Task<IReadOnlyList<SlicingTask>> ListTasksAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        JsonObject reply = await SendAsync<JsonObject>(HttpMethod.Get, $"ws/tasks?limit={limit}", null, cancellationToken);
        return reply["tasks"].Deserialize<List<SlicingTask>>(Json) ?? new List<SlicingTask>();
    }

    public Task<SlicingTask> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        SendAsync<SlicingTask>(HttpMethod.Delete, $"ws/tasks/{Uri.EscapeDataString(taskId)}", null, cancellationToken);

    public Task<DownloadedResult> DownloadAsync(string taskId, CancellationToken cancellationToken = default) =>
        DownloadCoreAsync(new HttpRequestMessage(HttpMethod.Get, $"ws/tasks/{Uri.EscapeDataString(taskId)}/download"), cancellationToken);

    /// <summary>Uploads a file for a JSON task request; <paramref name="fileType"/> is WS, STL, PC or XML.</summary>
    public async Task<UploadedFile> UploadAsync(string fileType, string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await SendAsync<UploadedFile>(
            HttpMethod.Post, $"upload/{Uri.EscapeDataString(fileType)}/{Uri.EscapeDataString(fileName)}", body, cancellationToken);
    }

    /// <summary>Output formats, printers and limits of the service (GET /ws/info).</summary>
    public Task<JsonObject> GetInfoAsync(CancellationToken cancellationToken = default) =>
        SendAsync<JsonObject>(HttpMethod.Get, "ws/info", null, cancellationToken);

    /// <summary>Polls GET /ws/tasks/{taskId} until the task is completed, failed or cancelled.</summary>
    public async Task<SlicingTask> WaitForCompletionAsync(string taskId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        TimeSpan interval = pollInterval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            SlicingTask task = await GetTaskAsync(taskId, cancellationToken);
            if (task.IsFinal)
            {
                return task;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    // ---- RPC endpoints of the REALvision Online clients -------------------------------------------

    public async Task<bool> GetActivationStatusAsync(CancellationToken cancellationToken = default)
    {
        JsonObject result = await RpcAsync("GetActivationStatus", new JsonObject(), cancellationToken);
        return (string?)result["activated"] == "true";
    }

    /// <summary>Starts slicing a workspace given as JSON text (ProvideFile); returns the task id.</summary>
    public async Task<string> ProvideFileAsync(
        string fileName, string workspaceJson, string? printerModel = null, string? configPresetName = "Recommended",
        string? supportType = "n", string? taskId = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["file"] = new JsonObject { ["FileName"] = fileName, ["WsConfigs"] = JsonNode.Parse(workspaceJson) },
            ["supportType"] = supportType,
            ["printerModel"] = printerModel,
            ["configPresetName"] = configPresetName,
            ["configFile"] = "",
        };
        if (taskId is not null)
        {
            body["taskId"] = taskId;
        }

        JsonObject result = await RpcAsync("ProvideFile", body, cancellationToken);
        return (string)result["taskId"]!;
    }

    /// <summary>Uploads an STL file (UploadFile); returns the file id for <see cref="StartSlicingTaskAsync"/>.</summary>
    public async Task<string> UploadFileAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(fileName), "FileName");
        form.Add(new ByteArrayContent(content), "file", fileName);
        JsonObject envelope = await SendAsync<JsonObject>(HttpMethod.Post, "UploadFile", form, cancellationToken);
        return (string)envelope["result"]!["fileId"]!;
    }

    public async Task<string> StartSlicingTaskAsync(
        string fileName, string fileId, string? printerModel = null, string? configPresetName = "Recommended",
        string? supportType = "n", CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["filename"] = fileName,
            ["fileId"] = fileId,
            ["supportType"] = supportType,
            ["printerModel"] = printerModel,
            ["configPresetName"] = configPresetName,
        };
        JsonObject result = await RpcAsync("StartSlicingTask", body, cancellationToken);
        return (string)result["taskId"]!;
    }

    /// <summary>GetProgress's text: "1" done, "-1" failed or cancelled, otherwise a fraction such as "0.42".</summary>
    public async Task<string> GetProgressAsync(string taskId, CancellationToken cancellationToken = default)
    {
        JsonObject result = await RpcAsync("GetProgress", new JsonObject { ["taskId"] = taskId }, cancellationToken);
        return (string)result["progress"]!;
    }

    public async Task<RpcPrintingInformation> GetPrintingInformationAsync(string taskId, CancellationToken cancellationToken = default)
    {
        JsonObject result = await RpcAsync("GetPrintingInformation", new JsonObject { ["taskId"] = taskId }, cancellationToken);
        return new RpcPrintingInformation((string)result["time"]!, (string)result["length"]!, (string)result["weight"]!);
    }

    /// <summary>Cancels a task (CancelSlicing); false when it had already ended.</summary>
    public async Task<bool> CancelSlicingAsync(string taskId, CancellationToken cancellationToken = default)
    {
        JsonObject result = await RpcAsync("CancelSlicing", new JsonObject { ["taskId"] = taskId }, cancellationToken);
        return (string?)result["cancelled"] == "true";
    }

    public Task<DownloadedResult> DownloadFileAsync(string taskId, CancellationToken cancellationToken = default) =>
        DownloadCoreAsync(new HttpRequestMessage(HttpMethod.Get, $"DownloadFile?taskId={Uri.EscapeDataString(taskId)}"), cancellationToken);

    // ---- OAuth2 ----------------------------------------------------------------------------------

    /// <summary>Requests a token with the client-credentials grant and stores it in <see cref="BearerToken"/>.</summary>
    public async Task<TokenResponse> RequestTokenAsync(
        string clientId, string clientSecret, string? resource = null, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("client_credentials"), "grant_type" },
            { new StringContent(clientId), "client_id" },
            { new StringContent(clientSecret), "client_secret" },
        };
        if (resource is not null)
        {
            form.Add(new StringContent(resource), "resource");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token") { Content = form };
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            JsonNode? body = TryParse(text);
            throw new RealVisionApiException(response.StatusCode, (string?)body?["errorCode"],
                (string?)body?["error_description"] ?? text, body);
        }

        TokenResponse token = JsonSerializer.Deserialize<TokenResponse>(text, Json)!;
        BearerToken = token.AccessToken;
        return token;
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private async Task<JsonObject> RpcAsync(string name, JsonObject body, CancellationToken cancellationToken)
    {
        JsonObject envelope = await SendAsync<JsonObject>(HttpMethod.Post, name, JsonContent(body), cancellationToken);
        return envelope["result"] as JsonObject
            ?? throw new RealVisionApiException(HttpStatusCode.OK, null, $"{name} replied without a result object.", envelope);
    }

    /// <summary>Sends a request with the key (and token) and returns the raw response; for tests of odd request shapes.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        Authorize(request);
        return await http.SendAsync(request, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        Authorize(request);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        await ThrowIfErrorAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private async Task<DownloadedResult> DownloadCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            Authorize(request);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            await ThrowIfErrorAsync(response, cancellationToken);
            byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new DownloadedResult(
                content, response.Content.Headers.ContentDisposition?.FileName, response.Content.Headers.ContentType?.MediaType);
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        request.Headers.Remove(SubscriptionKeyHeader);
        request.Headers.Add(SubscriptionKeyHeader, SubscriptionKey);
        if (BearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        }
    }

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = TryParse(text);
        string? code = (string?)body?["error"]?["errorCode"] ?? (string?)body?["errorCode"];
        string message = (string?)body?["error"]?["errorMessage"] ?? (string?)body?["message"] ?? text;
        throw new RealVisionApiException(response.StatusCode, code, message, body);
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StringContent JsonContent(JsonNode body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static void AddText(MultipartFormDataContent form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }
    }

    private static Uri EnsureSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }
}

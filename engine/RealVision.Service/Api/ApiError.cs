using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RealVision.Abstractions.Errors;
using RealVision.Engine.Pipeline;

namespace RealVision.Service.Api;

/// <summary>Error codes the service adds to the portal's (URE000..URE007, SF000) and the engine's (RV001..RV003).</summary>
public static class ServiceErrorCodes
{
    /// <summary>Task id malformed (400) or unknown to this key (404).</summary>
    public const string InvalidTaskId = "URE005";

    /// <summary>No result file for this task (yet).</summary>
    public const string NoResult = "URE006";

    /// <summary>A task with the requested id exists.</summary>
    public const string TaskIdInUse = "URE007";

    /// <summary>Missing, unknown or revoked subscription key.</summary>
    public const string MissingOrInvalidKey = "AUTH001";

    /// <summary>Missing, invalid or expired bearer token where one is required.</summary>
    public const string InvalidToken = "AUTH002";

    /// <summary>The key is valid but is not an admin key.</summary>
    public const string AdminKeyRequired = "AUTH003";

    /// <summary>No endpoint at this path and method.</summary>
    public const string NoSuchEndpoint = "RV404";

    /// <summary>An unexpected error inside the service; the log has the details.</summary>
    public const string InternalError = "RV500";
}

/// <summary>
/// An error a request handler raises; the error middleware turns it into the portal's JSON error
/// object with this status and code.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode status, string errorCode, string message, JsonObject? details = null)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
        Details = details;
    }

    public HttpStatusCode Status { get; }

    public string ErrorCode { get; }

    public JsonObject? Details { get; }

    public static ApiException BadRequest(string message, JsonObject? details = null) =>
        new(HttpStatusCode.BadRequest, ErrorCodes.InvalidInput, message, details);

    /// <summary>Maps an engine error found while checking a request to the portal's status for its code.</summary>
    public static ApiException FromEngine(RealVisionException ex) =>
        new(ex.ErrorCode == ErrorCodes.UnknownPrinter ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, ex.ErrorCode, ex.Message);

    public static ApiException Limit(string setting, object maximum, string message) =>
        BadRequest(message, new JsonObject { ["limit"] = setting, ["maximum"] = JsonValue.Create(maximum.ToString()) });
}

/// <summary>Writes the portal's response shapes: the RPC success envelope and the error object.</summary>
public static class ApiResponses
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Replies carry file names and messages with quotes and angle brackets; they are JSON, never HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ServiceVersion { get; } =
        typeof(ApiResponses).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The RPC success envelope: the three version strings and a camelCase result object of strings.</summary>
    public static IResult Envelope(JsonObject result) => Results.Json(new JsonObject
    {
        ["apiVersion"] = ServiceVersion,
        ["coreVersion"] = SlicingEngine.Version,
        ["realvisionHtmlVersion"] = ServiceVersion,
        ["result"] = result,
    }, Json);

    public static JsonObject ErrorBody(HttpStatusCode status, string errorCode, string message, JsonObject? details) => new()
    {
        ["apiVersion"] = ServiceVersion,
        ["coreVersion"] = SlicingEngine.Version,
        ["realvisionHtmlVersion"] = ServiceVersion,
        ["statusCode"] = (int)status,
        ["statusDescription"] = status.ToString(),
        ["message"] = message,
        ["errorCode"] = errorCode,
        ["error"] = new JsonObject
        {
            ["errorCode"] = errorCode,
            ["errorMessage"] = message,
            ["details"] = details ?? new JsonObject(),
        },
    };

    public static async Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string errorCode, string message, JsonObject? details = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(ErrorBody(status, errorCode, message, details).ToJsonString(Json));
    }
}

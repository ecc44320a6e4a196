using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RealVision.Service.Security;

namespace RealVision.Service.Api;

/// <summary>Key management over HTTP for admin keys: the same operations as `realvision keys`.</summary>
public static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/admin/keys").WithMetadata(new AdminEndpointAttribute()).WithTags("Admin");
        group.MapGet("", ListAsync).WithSummary("List keys (never their secrets).");
        group.MapPost("", CreateAsync).WithSummary("Create a key; the reply holds its subscription key and client secret, shown only here.");
        group.MapDelete("/{idOrPrefix}", RevokeAsync).WithSummary("Revoke a key by id or subscription-key prefix.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, KeyManager keys)
    {
        List<ApiKeyInfo> list = await keys.ListAsync(context.RequestAborted);
        return Results.Json(new JsonObject { ["keys"] = new JsonArray(list.Select(k => (JsonNode?)Describe(k)).ToArray()) }, ApiResponses.Json);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, KeyManager keys, ServiceOptions options, ILoggerFactory loggers)
    {
        using JsonDocument? body = await JsonBody.ReadAsync(context.Request, options.MaxJsonDepth, context.RequestAborted);
        string? name = body is null ? null : JsonBody.Text(body.RootElement, "name");
        string role = (body is null ? null : JsonBody.Text(body.RootElement, "role")) ?? "user";
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiException.BadRequest("Send {\"name\": \"...\"} naming who the key is for.", new JsonObject { ["name"] = new JsonArray("required") });
        }

        if (role is not ("user" or "admin"))
        {
            throw ApiException.BadRequest($"role '{role}' is unknown; use 'user' or 'admin'.");
        }

        CreatedKey created = await keys.CreateAsync(name, role == "admin" ? KeyRole.Admin : KeyRole.User, context.RequestAborted);
        loggers.CreateLogger("RealVision.Service.Admin").LogInformation(
            "Key {KeyId} ({Role}) created by key {AdminKeyId}", created.Info.Id, role, SubscriptionKeyMiddleware.KeyOf(context).Id);
        JsonObject json = Describe(created.Info);
        json["subscriptionKey"] = created.SubscriptionKey;
        json["clientId"] = created.ClientId;
        json["clientSecret"] = created.ClientSecret;
        return Results.Json(json, ApiResponses.Json);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string idOrPrefix, KeyManager keys, ILoggerFactory loggers)
    {
        bool revoked;
        try
        {
            revoked = await keys.RevokeAsync(idOrPrefix, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            throw ApiException.BadRequest(ex.Message);
        }

        if (!revoked)
        {
            throw new ApiException(HttpStatusCode.NotFound, RealVision.Abstractions.Errors.ErrorCodes.InvalidInput, $"No key matches '{idOrPrefix}'.");
        }

        loggers.CreateLogger("RealVision.Service.Admin").LogInformation(
            "Key matching {Selector} revoked by key {AdminKeyId}", idOrPrefix.Length > 8 ? idOrPrefix[..8] + "…" : idOrPrefix,
            SubscriptionKeyMiddleware.KeyOf(context).Id);
        return Results.Json(new JsonObject { ["revoked"] = true }, ApiResponses.Json);
    }

    private static JsonObject Describe(ApiKeyInfo key) => new()
    {
        ["id"] = key.Id,
        ["name"] = key.Name,
        ["keyPrefix"] = key.KeyPrefix,
        ["role"] = key.Role == KeyRole.Admin ? "admin" : "user",
        ["createdAt"] = key.CreatedAt.ToString("o"),
        ["revokedAt"] = key.RevokedAt?.ToString("o"),
    };
}

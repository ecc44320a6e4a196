using System.Net;
using Microsoft.Extensions.Logging;
using RealVision.Service.Api;

namespace RealVision.Service.Security;

/// <summary>Marks an endpoint that needs no subscription key (the token endpoint, docs, the web page).</summary>
public sealed class PublicEndpointAttribute : Attribute
{
}

/// <summary>Marks an endpoint that needs an admin key.</summary>
public sealed class AdminEndpointAttribute : Attribute
{
}

/// <summary>
/// Requires a live subscription key on every endpoint not marked public: the Ocp-Apim-Subscription-Key
/// header, or the subscription-key query parameter. In strict mode it also requires a bearer token
/// from /oauth2/token that belongs to the same key. Failures are 401 with AUTH001, AUTH002 or AUTH003.
/// </summary>
public sealed class SubscriptionKeyMiddleware
{
    public const string HeaderName = "Ocp-Apim-Subscription-Key";
    public const string QueryName = "subscription-key";
    private const string KeyItem = "realvision.key";

    private readonly RequestDelegate next;
    private readonly ILogger<SubscriptionKeyMiddleware> logger;

    public SubscriptionKeyMiddleware(RequestDelegate next, ILogger<SubscriptionKeyMiddleware> logger)
    {
        this.next = next;
        this.logger = logger;
    }

    /// <summary>The key that authenticated this request; set by the middleware before any protected endpoint runs.</summary>
    public static ApiKeyInfo KeyOf(HttpContext context) =>
        context.Items[KeyItem] as ApiKeyInfo ?? throw new InvalidOperationException("The request was not authenticated.");

    public async Task InvokeAsync(HttpContext context, KeyManager keys, TokenService tokens, ServiceOptions options)
    {
        Endpoint? endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<PublicEndpointAttribute>() is not null)
        {
            await next(context);
            return;
        }

        string? presented = context.Request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(presented))
        {
            presented = context.Request.Query[QueryName].FirstOrDefault();
        }

        if (string.IsNullOrWhiteSpace(presented))
        {
            await RejectAsync(context, ServiceErrorCodes.MissingOrInvalidKey,
                $"Access denied: the request has no subscription key. Send it in the {HeaderName} header.", "no key");
            return;
        }

        ApiKeyInfo? key = await keys.FindBySubscriptionKeyAsync(presented.Trim(), context.RequestAborted);
        if (key is null)
        {
            await RejectAsync(context, ServiceErrorCodes.MissingOrInvalidKey,
                "Access denied: the subscription key is invalid or has been revoked.", "unknown or revoked key");
            return;
        }

        if (options.RequireBearerToken && !await CheckTokenAsync(context, key, tokens))
        {
            return;
        }

        if (endpoint?.Metadata.GetMetadata<AdminEndpointAttribute>() is not null && key.Role != KeyRole.Admin)
        {
            await RejectAsync(context, ServiceErrorCodes.AdminKeyRequired,
                "Access denied: this endpoint needs an admin key.", $"key {key.Id} is not an admin key");
            return;
        }

        context.Items[KeyItem] = key;
        await next(context);
    }

    private async Task<bool> CheckTokenAsync(HttpContext context, ApiKeyInfo key, TokenService tokens)
    {
        string? header = context.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, ServiceErrorCodes.InvalidToken,
                "Access denied: this service requires 'Authorization: Bearer <token>' with a token from POST /oauth2/token.", "no bearer token");
            return false;
        }

        (string? tokenKeyId, string? reason) = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), context.RequestAborted);
        if (tokenKeyId is null)
        {
            await RejectAsync(context, ServiceErrorCodes.InvalidToken, $"Access denied: {reason}; request a new token from POST /oauth2/token.", reason!);
            return false;
        }

        if (tokenKeyId != key.Id)
        {
            await RejectAsync(context, ServiceErrorCodes.InvalidToken,
                "Access denied: the bearer token was issued to another client than the subscription key's.", "token of another key");
            return false;
        }

        return true;
    }

    private async Task RejectAsync(HttpContext context, string code, string message, string reason)
    {
        logger.LogInformation("Rejected {Method} {Path} with {Code}: {Reason}", context.Request.Method, context.Request.Path, code, reason);
        await ApiResponses.WriteErrorAsync(context, HttpStatusCode.Unauthorized, code, message);
    }
}

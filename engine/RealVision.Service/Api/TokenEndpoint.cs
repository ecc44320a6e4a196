using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RealVision.Service.Security;

namespace RealVision.Service.Api;

/// <summary>
/// POST /oauth2/token: the OAuth2 client-credentials grant, with the Azure AD v1 reply the clients
/// parse (every value a JSON string). The client id is the key's id, the secret the one printed when
/// the key was created. Also served as /{tenant}/oauth2/token, the Azure AD v1 path.
/// </summary>
public static class TokenEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (string pattern in new[] { "/oauth2/token", "/{tenant}/oauth2/token" })
        {
            app.MapMethods(pattern, new[] { "POST", "GET" }, IssueAsync)
                .WithMetadata(new PublicEndpointAttribute())
                .WithTags("OAuth2").WithSummary("Issue a bearer token (client_credentials; multipart or urlencoded form).")
                .WithMetadata(new DocumentedBody(typeof(TokenForm), "multipart/form-data", "application/x-www-form-urlencoded")).Produces<TokenReply>();
        }
    }

    /// <summary>The token request's form fields.</summary>
    public sealed record TokenForm(string GrantType, string ClientId, string ClientSecret, string? Resource);

    private static async Task<IResult> IssueAsync(HttpContext context, KeyManager keys, TokenService tokens, ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger("RealVision.Service.Token");
        if (!context.Request.HasFormContentType)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request", ServiceErrorCodes.MissingOrInvalidKey,
                "Send the token request as multipart/form-data or application/x-www-form-urlencoded.");
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        string grantType = form["grant_type"].ToString();
        string clientId = form["client_id"].ToString();
        string clientSecret = form["client_secret"].ToString();
        string resource = form["resource"].ToString();
        if (!string.Equals(grantType, "client_credentials", StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.BadRequest, "unsupported_grant_type", ServiceErrorCodes.MissingOrInvalidKey,
                $"grant_type '{grantType}' is not supported; use client_credentials.");
        }

        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request", ServiceErrorCodes.MissingOrInvalidKey,
                "client_id and client_secret are required.");
        }

        ApiKeyInfo? key = await keys.VerifyClientAsync(clientId, clientSecret, context.RequestAborted);
        if (key is null)
        {
            logger.LogInformation("Token request rejected: unknown client, wrong secret or revoked key");
            return Error(HttpStatusCode.Unauthorized, "invalid_client", ServiceErrorCodes.MissingOrInvalidKey,
                "The client id or secret is wrong, or the key was revoked.");
        }

        IssuedToken token = await tokens.IssueAsync(key, resource, context.RequestAborted);
        logger.LogInformation("Token issued to key {KeyId}, valid until {ExpiresOn:o}", key.Id, token.ExpiresOn);
        string lifetime = token.LifetimeSeconds.ToString(CultureInfo.InvariantCulture);
        var reply = new TokenReply(
            "Bearer", lifetime, lifetime,
            token.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            token.NotBefore.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            resource, token.AccessToken);
        return Results.Json(reply);
    }

    // OAuth2 clients read "error"; the portal's members come alongside so errorCode is there too.
    private static IResult Error(HttpStatusCode status, string error, string errorCode, string description)
    {
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = description,
            ["errorCode"] = errorCode,
            ["statusCode"] = (int)status,
            ["statusDescription"] = status.ToString(),
            ["message"] = description,
        };
        return Results.Json(body, statusCode: (int)status);
    }
}

using Hangfire.Dashboard;
using Microsoft.Extensions.Logging;

namespace RealVision.Service.Security;

/// <summary>
/// Lets only admin keys into the Hangfire dashboard. The first request carries the key (header or
/// ?subscription-key=); the filter then sets an HttpOnly cookie holding a short-lived signed token,
/// so the dashboard's own links and polling work without the key in every URL.
/// </summary>
public sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public const string CookieName = "realvision_dashboard";

    private readonly KeyManager keys;
    private readonly TokenService tokens;
    private readonly ILogger logger;

    public DashboardAuthorization(KeyManager keys, TokenService tokens, ILogger logger)
    {
        this.keys = keys;
        this.tokens = tokens;
        this.logger = logger;
    }

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        HttpContext http = context.GetHttpContext();
        string? presented = http.Request.Headers[SubscriptionKeyMiddleware.HeaderName].FirstOrDefault()
            ?? http.Request.Query[SubscriptionKeyMiddleware.QueryName].FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(presented))
        {
            ApiKeyInfo? key = await keys.FindBySubscriptionKeyAsync(presented.Trim(), http.RequestAborted);
            if (key?.Role != KeyRole.Admin)
            {
                logger.LogInformation("Dashboard access rejected: the key is unknown, revoked or not an admin key");
                return false;
            }

            IssuedToken token = await tokens.IssueAsync(key, "dashboard", http.RequestAborted);
            http.Response.Cookies.Append(CookieName, token.AccessToken, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = http.Request.PathBase.HasValue ? http.Request.PathBase.Value : "/",
                Expires = token.ExpiresOn,
            });
            return true;
        }

        if (http.Request.Cookies.TryGetValue(CookieName, out string? cookie))
        {
            (string? keyId, _) = await tokens.ValidateAsync(cookie, http.RequestAborted);
            ApiKeyInfo? key = keyId is null ? null : await keys.FindByIdAsync(keyId, http.RequestAborted);
            return key is { Role: KeyRole.Admin, IsRevoked: false };
        }

        return false;
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RealVision.Service.Data;

namespace RealVision.Service.Security;

/// <summary>An issued access token and its times, as the token endpoint returns them.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset NotBefore, DateTimeOffset ExpiresOn, int LifetimeSeconds);

/// <summary>
/// Issues and validates the service's bearer tokens: HS256 JWTs whose subject is the key id. The
/// signing key is 256 random bits kept in rv_settings, so every node of a PostgreSQL deployment
/// accepts the tokens of the others.
/// </summary>
public sealed class TokenService
{
    public const string Issuer = "realvision-service";
    private const string SigningKeySetting = "jwt_signing_key";

    private readonly ServiceDatabase database;
    private readonly ServiceOptions options;
    private readonly JsonWebTokenHandler handler = new();
    private SymmetricSecurityKey? signingKey;

    public TokenService(ServiceDatabase database, ServiceOptions options)
    {
        this.database = database;
        this.options = options;
    }

    public async Task<IssuedToken> IssueAsync(ApiKeyInfo key, string? resource, CancellationToken cancellationToken)
    {
        SymmetricSecurityKey signing = await GetSigningKeyAsync(cancellationToken);
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        DateTimeOffset expires = now.AddSeconds(options.TokenLifetimeSeconds);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = key.Id,
            ["appid"] = key.Id,
            ["role"] = key.Role == KeyRole.Admin ? "admin" : "user",
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = string.IsNullOrEmpty(resource) ? Issuer : resource,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.HmacSha256),
        };
        return new IssuedToken(handler.CreateToken(descriptor), now, expires, options.TokenLifetimeSeconds);
    }

    /// <summary>Validates a token's signature, issuer and lifetime; returns its key id, or null with the reason.</summary>
    public async Task<(string? KeyId, string? Reason)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
            IssuerSigningKey = await GetSigningKeyAsync(cancellationToken),
            ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
        };
        TokenValidationResult result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            string reason = result.Exception switch
            {
                SecurityTokenExpiredException => "the bearer token has expired",
                SecurityTokenNotYetValidException => "the bearer token is not valid yet",
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the bearer token's signature is invalid",
                _ => "the bearer token is malformed or was not issued by this service",
            };
            return (null, reason);
        }

        return (result.ClaimsIdentity.FindFirst("sub")?.Value ?? result.ClaimsIdentity.FindFirst(ClaimTypes.NameIdentifier)?.Value, null);
    }

    private async Task<SymmetricSecurityKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        if (signingKey is not null)
        {
            return signingKey;
        }

        // The first node to start stores a key; ON CONFLICT keeps the first one when nodes race.
        await database.ExecuteAsync(
            "INSERT INTO rv_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            cancellationToken, ("@name", SigningKeySetting), ("@value", SecretHasher.Base64Url(RandomNumberGenerator.GetBytes(32))));
        string stored = (string)(await database.ScalarAsync(
            "SELECT value FROM rv_settings WHERE name = @name", cancellationToken, ("@name", SigningKeySetting)))!;
        signingKey = new SymmetricSecurityKey(SecretHasher.FromBase64Url(stored));
        return signingKey;
    }
}

using System.Data.Common;
using RealVision.Service.Data;

namespace RealVision.Service.Security;

/// <summary>What a key may do: call the API, or also open the Hangfire dashboard and manage keys.</summary>
public enum KeyRole
{
    User,
    Admin,
}

/// <summary>A stored key, without its secret parts.</summary>
public sealed record ApiKeyInfo(
    string Id, string Name, string KeyPrefix, KeyRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>
/// A newly created key with its subscription key and client secret in clear text. They exist only in
/// this object: the store keeps hashes, so print them once and drop them.
/// </summary>
public sealed record CreatedKey(ApiKeyInfo Info, string SubscriptionKey, string ClientSecret)
{
    /// <summary>The OAuth2 client id for the token endpoint: the key's id.</summary>
    public string ClientId => Info.Id;
}

/// <summary>
/// Creates, lists, looks up and revokes subscription keys. The CLI's `realvision keys` commands call
/// it through <see cref="Open"/>; the service uses the instance from its container.
/// </summary>
public sealed class KeyManager
{
    private const string Columns = "id, name, key_prefix, role, created_at, revoked_at";
    private readonly ServiceDatabase database;

    public KeyManager(ServiceDatabase database)
    {
        this.database = database;
    }

    /// <summary>Opens the key store of the database that <paramref name="options"/> names, creating its tables when missing.</summary>
    public static async Task<KeyManager> OpenAsync(ServiceOptions options, CancellationToken cancellationToken = default)
    {
        var database = new ServiceDatabase(options);
        await database.EnsureSchemaAsync(cancellationToken);
        return new KeyManager(database);
    }

    public async Task<CreatedKey> CreateAsync(string name, KeyRole role = KeyRole.User, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A key needs a name, such as the customer or application it is for.", nameof(name));
        }

        string id = Guid.NewGuid().ToString("N");
        string key = SecretHasher.NewSubscriptionKey();
        string secret = SecretHasher.NewClientSecret();
        DateTimeOffset created = DateTimeOffset.UtcNow;
        await database.ExecuteAsync(
            "INSERT INTO rv_keys (id, name, key_hash, key_prefix, secret_hash, role, created_at) VALUES (@id, @name, @hash, @prefix, @secret, @role, @created)",
            cancellationToken,
            ("@id", id), ("@name", name.Trim()), ("@hash", SecretHasher.HashKey(key)), ("@prefix", key[..6]),
            ("@secret", SecretHasher.HashSecret(secret)), ("@role", RoleText(role)), ("@created", created.ToUnixTimeMilliseconds()));
        var info = new ApiKeyInfo(id, name.Trim(), key[..6], role, DateTimeOffset.FromUnixTimeMilliseconds(created.ToUnixTimeMilliseconds()), null);
        return new CreatedKey(info, key, secret);
    }

    public Task<List<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        database.QueryAsync($"SELECT {Columns} FROM rv_keys ORDER BY created_at", Read, cancellationToken);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default) =>
        await database.ScalarAsync("SELECT 1 FROM rv_keys LIMIT 1", cancellationToken) is not null;

    /// <summary>
    /// Revokes the key with this id or subscription key, or the one key whose subscription key starts
    /// with this prefix (its first 6 characters are compared). Returns false when nothing matched; throws when a prefix is ambiguous.
    /// </summary>
    public async Task<bool> RevokeAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        string value = idOrPrefix.Trim().ToLowerInvariant();
        List<ApiKeyInfo> keys = await ListAsync(cancellationToken);
        List<ApiKeyInfo> matches = keys.Where(k => k.Id == value).ToList();
        if (matches.Count == 0 && await FindBySubscriptionKeyAsync(value, cancellationToken) is { } byKey)
        {
            matches.Add(byKey);
        }

        if (matches.Count == 0 && value.Length >= 6)
        {
            matches = keys.Where(k => k.KeyPrefix.StartsWith(value[..6], StringComparison.Ordinal)).ToList();
        }

        if (matches.Count > 1)
        {
            throw new ArgumentException($"'{idOrPrefix}' matches {matches.Count} keys; revoke by id instead.", nameof(idOrPrefix));
        }

        if (matches.Count == 0)
        {
            return false;
        }

        await database.ExecuteAsync(
            "UPDATE rv_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            cancellationToken, ("@id", matches[0].Id), ("@now", TaskStore.Now()));
        return true;
    }

    /// <summary>Finds the live (not revoked) key with this subscription key.</summary>
    public async Task<ApiKeyInfo?> FindBySubscriptionKeyAsync(string subscriptionKey, CancellationToken cancellationToken = default)
    {
        List<ApiKeyInfo> rows = await database.QueryAsync(
            $"SELECT {Columns} FROM rv_keys WHERE key_hash = @hash AND revoked_at IS NULL",
            Read, cancellationToken, ("@hash", SecretHasher.HashKey(subscriptionKey)));
        return rows.FirstOrDefault();
    }

    /// <summary>Checks a client id and secret; returns the live key they belong to, or null.</summary>
    public async Task<ApiKeyInfo?> VerifyClientAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        List<(ApiKeyInfo Info, string SecretHash)> rows = await database.QueryAsync(
            $"SELECT {Columns}, secret_hash FROM rv_keys WHERE id = @id AND revoked_at IS NULL",
            r => (Read(r), r.GetString(6)), cancellationToken, ("@id", clientId.Trim().ToLowerInvariant()));
        if (rows.Count == 0)
        {
            return null;
        }

        return SecretHasher.VerifySecret(clientSecret, rows[0].SecretHash) ? rows[0].Info : null;
    }

    public async Task<ApiKeyInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        List<ApiKeyInfo> rows = await database.QueryAsync(
            $"SELECT {Columns} FROM rv_keys WHERE id = @id", Read, cancellationToken, ("@id", id));
        return rows.FirstOrDefault();
    }

    private static ApiKeyInfo Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3) == "admin" ? KeyRole.Admin : KeyRole.User,
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));

    private static string RoleText(KeyRole role) => role == KeyRole.Admin ? "admin" : "user";
}

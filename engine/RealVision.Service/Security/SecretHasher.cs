using System.Security.Cryptography;
using System.Text;

namespace RealVision.Service.Security;

/// <summary>
/// Generates and hashes credentials. Subscription keys carry 128 random bits, so one SHA-256 is
/// enough to make a stolen table useless, and it keeps the per-request check cheap. Client secrets
/// go through PBKDF2, which is slow on purpose, because the token endpoint is called rarely.
/// </summary>
public static class SecretHasher
{
    /// <summary>PBKDF2-SHA256 iterations for client secrets.</summary>
    public const int Pbkdf2Iterations = 100_000;

    /// <summary>Returns a new subscription key: 32 lower-case hex digits, like the portal's keys.</summary>
    public static string NewSubscriptionKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Returns a new client secret: 32 random bytes in base64url.</summary>
    public static string NewClientSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Hashes a client secret as "pbkdf2-sha256$iterations$salt$hash" (base64url parts).</summary>
    public static string HashSecret(string secret)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Pbkdf2Iterations}${Base64Url(salt)}${Base64Url(hash)}";
    }

    public static bool VerifySecret(string secret, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out int iterations))
        {
            return false;
        }

        byte[] salt = FromBase64Url(parts[2]);
        byte[] expected = FromBase64Url(parts[3]);
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }
}

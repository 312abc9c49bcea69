using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.Linking.DataProtection;

/// <summary>
/// <c>DataProtection:KeyEncryptionKey</c>: 32 bytes (base64) that encrypt the Data Protection key
/// ring where it is stored (PostgreSQL does not encrypt it). Required outside Development; in
/// Development a fixed, publicly known key is used so a fresh checkout runs (never use it for real data).
/// </summary>
internal sealed class KeyEncryptionKey
{
    public const string ConfigurationKey = "DataProtection:KeyEncryptionKey";
    public const int Length = 32;

    /// <summary>The Development default: SHA-256 of this text. Public knowledge, so it protects nothing.</summary>
    internal const string DevelopmentSeed = "NavusoftSync development key ring key (not secret)";

    private readonly byte[] _key;

    private KeyEncryptionKey(byte[] key)
    {
        _key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>A fingerprint stored with each encrypted key, to tell which key encryption key a key ring needs.</summary>
    public string Id { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    public static KeyEncryptionKey Development() => new(SHA256.HashData(Encoding.UTF8.GetBytes(DevelopmentSeed)));

    public static KeyEncryptionKey Parse(string base64)
    {
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != Length)
        {
            throw new FormatException($"{ConfigurationKey} must be the base64 of exactly {Length} random bytes (e.g. `openssl rand -base64 32`).");
        }

        return new KeyEncryptionKey(buffer[..written]);
    }

    public static bool IsValid(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == Length;
    }

    public override string ToString() => $"KeyEncryptionKey {{ Id = {Id} }}";
}

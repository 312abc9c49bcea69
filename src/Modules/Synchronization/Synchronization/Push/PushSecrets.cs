using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// The secrets providers echo back with every notification (Graph <c>clientState</c>, a Calendar channel token): random,
/// one per registration, stored only protected by Data Protection (purpose chain: tenant and link, so a ciphertext
/// copied into another tenant's or link's row does not decrypt), and compared in constant time.
/// </summary>
internal sealed class PushSecrets(IDataProtectionProvider provider)
{
    private const string Purpose = "NavusoftSync.Synchronization.PushSecret.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>32 random bytes, base64url: 43 characters (Graph allows 128 for <c>clientState</c>, Google 256 for a channel token).</summary>
    public static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret, string tenantId, string linkId) => _protector.CreateProtector(tenantId, linkId).Protect(secret);

    /// <summary>
    /// Whether <paramref name="presented"/> is the registration's secret. Both sides are hashed first, so the comparison
    /// takes the same time whatever the presented value's length; a secret that does not decrypt (a row copied elsewhere,
    /// a lost key) matches nothing.
    /// </summary>
    public bool Matches(PushRegistration registration, string tenantId, string? presented)
    {
        if (registration.ProtectedSecret is not { } stored || presented is null)
        {
            return false;
        }

        string secret;
        try
        {
            secret = _protector.CreateProtector(tenantId, registration.LinkId).Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}

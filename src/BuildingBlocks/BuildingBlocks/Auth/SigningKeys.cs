using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace NavusoftSync.BuildingBlocks.Auth;

/// <summary>Turns <c>Auth:SigningKey</c> into HS256 key material.</summary>
public static class SigningKeys
{
    private const int MinimumBytes = 32;

    /// <summary>
    /// Base64 that decodes to at least 32 bytes is taken as base64; otherwise the UTF-8 bytes of the
    /// text are used, which must also be at least 32 bytes.
    /// </summary>
    public static SymmetricSecurityKey Resolve(string signingKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingKey);
        var buffer = new byte[signingKey.Length];
        if (Convert.TryFromBase64String(signingKey, buffer, out var written) && written >= MinimumBytes)
        {
            return new SymmetricSecurityKey(buffer[..written]);
        }

        var text = Encoding.UTF8.GetBytes(signingKey);
        if (text.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"Auth:SigningKey must hold at least {MinimumBytes} bytes.");
        }

        return new SymmetricSecurityKey(text);
    }
}

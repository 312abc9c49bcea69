using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.Linking.OAuth;

/// <summary>RFC 7636 proof key: a 256-bit random verifier (43 base64url characters) and its S256 challenge.</summary>
internal sealed record Pkce(string Verifier, string Challenge)
{
    public const string Method = "S256";

    public static Pkce Create()
    {
        var verifier = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, ChallengeOf(verifier));
    }

    /// <summary><c>BASE64URL(SHA256(ASCII(verifier)))</c>.</summary>
    public static string ChallengeOf(string verifier) => Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public override string ToString() => $"Pkce {{ Challenge = {Challenge} }}";
}

internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static byte[]? TryDecode(string value)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

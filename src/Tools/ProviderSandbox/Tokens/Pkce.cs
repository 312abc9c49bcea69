using System.Security.Cryptography;
using System.Text;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Tokens;

/// <summary>RFC 7636 proof key checks.</summary>
internal static class Pkce
{
    public static bool IsValidVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool Matches(string verifier, string challenge, string? method) =>
        string.Equals(method, "plain", StringComparison.Ordinal)
            ? string.Equals(verifier, challenge, StringComparison.Ordinal)
            : string.Equals(S256(verifier), challenge, StringComparison.Ordinal);

    public static string S256(string verifier) => SandboxIds.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>Ids in each provider's style: opaque base64url for Graph, hex for Gmail, base32hex for Google Calendar.</summary>
internal static class SandboxIds
{
    private const string Base32Hex = "0123456789abcdefghijklmnopqrstuv";

    public static string GraphItemId() => "AAMkAG" + Base64Url(RandomNumberGenerator.GetBytes(36));

    public static string GraphConversationId() => "AAQkAG" + Base64Url(RandomNumberGenerator.GetBytes(24));

    public static string GraphICalUId() =>
        "040000008200E00074C5B7101A82E00800000000" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>Gmail ids are 16 hex digits that grow with the receipt time.</summary>
    public static string GmailId(DateTimeOffset receivedAt)
    {
        var millis = (ulong)Math.Max(0, receivedAt.ToUnixTimeMilliseconds());
        var value = (millis << 20) | (RandomNumberGenerator.GetBytes(3).Aggregate(0UL, (a, b) => (a << 8) | b) & 0xFFFFF);
        return value.ToString("x16", CultureInfo.InvariantCulture);
    }

    public static string GoogleEventId()
    {
        var bytes = RandomNumberGenerator.GetBytes(26);
        return string.Create(26, bytes, (span, b) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Base32Hex[b[i] % 32];
            }
        });
    }

    public static string InternetMessageId(string fromAddress)
    {
        var at = fromAddress.IndexOf('@', StringComparison.Ordinal);
        var domain = at >= 0 ? fromAddress[(at + 1)..] : "sandbox.invalid";
        return $"<{Guid.NewGuid():N}@{domain}>";
    }

    public static string Token(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    public static byte[]? FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

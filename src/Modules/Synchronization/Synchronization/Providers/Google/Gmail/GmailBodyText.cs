using System.Text;
using System.Text.RegularExpressions;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>The plain text of a <c>full</c>-format message: its first text/plain part (base64url, in the part's charset), else its HTML stripped.</summary>
internal static partial class GmailBodyText
{
    public static string? Of(MessagePart? payload)
    {
        if (Find(payload, "text/plain") is { } plain)
        {
            return Decode(plain);
        }

        return Find(payload, "text/html") is { } html ? HtmlText.ToPlain(Decode(html)) : null;
    }

    private static MessagePart? Find(MessagePart? part, string mimeType)
    {
        if (part is null)
        {
            return null;
        }

        if (string.Equals(part.MimeType, mimeType, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(part.Filename) && part.Body?.Data is { Length: > 0 })
        {
            return part;
        }

        return (part.Parts ?? []).Select(p => Find(p, mimeType)).FirstOrDefault(p => p is not null);
    }

    private static string Decode(MessagePart part)
    {
        var data = part.Body!.Data!.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        var bytes = Convert.FromBase64String(data.PadRight(data.Length + ((4 - (data.Length % 4)) % 4), '='));
        return Charset(part).GetString(bytes);
    }

    private static Encoding Charset(MessagePart part)
    {
        var contentType = part.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Content-Type", StringComparison.OrdinalIgnoreCase))?.Value;
        if (contentType is not null && CharsetParameter().Match(contentType) is { Success: true } match)
        {
            try
            {
                return Encoding.GetEncoding(match.Groups[1].Value);
            }
            catch (ArgumentException)
            {
            }
        }

        return Encoding.UTF8;
    }

    [GeneratedRegex(@"charset=""?([A-Za-z0-9_\-.:]+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetParameter();
}

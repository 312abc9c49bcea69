using System.Text;
using System.Text.RegularExpressions;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// The plain text of a <c>full</c>-format message: its first text/plain part (base64url, in the part's charset), else its
/// HTML converted, bounded as a body. Only a prefix of a large part is decoded: enough bytes for the longest body kept in
/// any charset (or the most HTML converted), so a 30 MB part is never decoded whole.
/// </summary>
internal static partial class GmailBodyText
{
    /// <summary>Source bytes enough for <see cref="TextLimits.MaxBodyBytes"/> of UTF-8 from any charset (UTF-32 takes four per character).</summary>
    private const int MaxPlainBytes = (4 * TextLimits.MaxBodyBytes) + 16;

    public static BoundedText? Of(MessagePart? payload)
    {
        if (Find(payload, "text/plain") is { } plain)
        {
            var (text, cut) = Decode(plain, MaxPlainBytes);
            return TextLimits.Body(text, cut);
        }

        if (Find(payload, "text/html") is { } html)
        {
            var (text, cut) = Decode(html, TextLimits.MaxHtmlChars);
            return HtmlText.ToText(text, cut);
        }

        return null;
    }

    /// <summary>The first part of the type in document order, without recursion (multiparts may nest deeply).</summary>
    private static MessagePart? Find(MessagePart? root, string mimeType)
    {
        var pending = new Stack<MessagePart>();
        if (root is not null)
        {
            pending.Push(root);
        }

        while (pending.TryPop(out var part))
        {
            if (string.Equals(part.MimeType, mimeType, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(part.Filename) && part.Body?.Data is { Length: > 0 })
            {
                return part;
            }

            foreach (var child in (part.Parts ?? []).Where(p => p is not null).Reverse())
            {
                pending.Push(child);
            }
        }

        return null;
    }

    /// <summary>The part's text from at most <paramref name="maxBytes"/> of its data, and whether the data was longer.</summary>
    private static (string Text, bool Cut) Decode(MessagePart part, int maxBytes)
    {
        var data = part.Body!.Data!;
        var maxChars = (maxBytes + 2) / 3 * 4;
        var unpadded = data.AsSpan().TrimEnd('=').Length;
        var cut = unpadded > maxChars;
        var prefix = (cut ? data[..maxChars] : data).Replace('-', '+').Replace('_', '/').TrimEnd('=');
        var bytes = Convert.FromBase64String(prefix.PadRight(prefix.Length + ((4 - (prefix.Length % 4)) % 4), '='));
        return (Charset(part).GetString(bytes), cut);
    }

    private static Encoding Charset(MessagePart part)
    {
        var contentType = part.Headers?.FirstOrDefault(h => string.Equals(h?.Name, "Content-Type", StringComparison.OrdinalIgnoreCase))?.Value; // a null entry is passed over
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

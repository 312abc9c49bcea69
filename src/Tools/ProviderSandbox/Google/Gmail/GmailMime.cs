using System.Globalization;
using System.Text;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary>The RFC 5322 view of a stored message: its header list, MIME parts and raw bytes.</summary>
internal static class GmailMime
{
    public static string Boundary(StoredMessage message) => "000000000000" + Convert.ToHexString(BitConverter.GetBytes(message.Id.GetHashCode(StringComparison.Ordinal))).ToLowerInvariant();

    public static bool IsMultipart(StoredMessage message) => message.BodyHtml is not null;

    public static string ContentType(StoredMessage message) =>
        IsMultipart(message) ? $"multipart/alternative; boundary=\"{Boundary(message)}\"" : "text/plain; charset=\"UTF-8\"";

    public static IReadOnlyList<KeyValuePair<string, string>> Headers(StoredMessage message, MailboxIdentity owner)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (message.Folder == MailFolder.Inbox)
        {
            headers.Add(new("Delivered-To", owner.Email));
        }

        headers.Add(new("MIME-Version", "1.0"));
        headers.Add(new("Date", message.InvalidDates ? "not-a-date" : Rfc2822Date(message.SentAt)));
        headers.Add(new("Message-ID", message.InternetMessageId));
        if (message.InReplyTo is { } parent)
        {
            headers.Add(new("In-Reply-To", parent));
            headers.Add(new("References", parent));
        }

        headers.Add(new("Subject", message.Subject));
        headers.Add(new("From", Format(message.From)));
        AddList(headers, "To", message.To);
        AddList(headers, "Cc", message.Cc);
        if (message.From.Matches(owner.Email))
        {
            AddList(headers, "Bcc", message.Bcc);
        }

        headers.AddRange(message.ExtraHeaders.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));
        headers.Add(new("Content-Type", ContentType(message)));
        return headers;
    }

    /// <summary>The whole message as Gmail's <c>format=raw</c> holds it.</summary>
    public static byte[] Raw(StoredMessage message, MailboxIdentity owner)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in Headers(message, owner))
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("\r\n");
        if (IsMultipart(message))
        {
            var boundary = Boundary(message);
            text.Append("--").Append(boundary).Append("\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n").Append(message.BodyText).Append("\r\n");
            text.Append("--").Append(boundary).Append("\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\r\n").Append(message.BodyHtml).Append("\r\n");
            text.Append("--").Append(boundary).Append("--\r\n");
        }
        else
        {
            text.Append(message.BodyText).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Rfc2822Date(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var magnitude = offset.Duration();
        return value.ToString("ddd, d MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + sign + magnitude.ToString("hhmm", CultureInfo.InvariantCulture);
    }

    public static string Format(SandboxAddress address) =>
        address.Name is null ? address.Address : $"{Quote(address.Name)} <{address.Address}>";

    private static void AddList(List<KeyValuePair<string, string>> headers, string name, IReadOnlyList<SandboxAddress> addresses)
    {
        if (addresses.Count > 0)
        {
            headers.Add(new(name, string.Join(", ", addresses.Select(Format))));
        }
    }

    private static string Quote(string name) =>
        name.IndexOfAny([',', ';', '<', '>', '@', '"', ':', '(', ')']) >= 0 ? "\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : name;
}

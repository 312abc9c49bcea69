using System.Globalization;
using System.Net;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>A Gmail message in <c>metadata</c> format into a page: drafts skipped, folder from the SENT label, malformed ones reported.</summary>
internal static class GmailMessages
{
    public static readonly IReadOnlyList<string> MetadataHeaders =
        ["From", "To", "Cc", "Bcc", "Sender", "Subject", "Date", "Message-ID", "References", "In-Reply-To"];

    public static bool IsDraft(IReadOnlyList<string>? labelIds) => labelIds?.Contains("DRAFT", StringComparer.Ordinal) == true;

    public static void AddTo(PageBuilder<MailItem> page, Message message)
    {
        if (string.IsNullOrWhiteSpace(message.Id))
        {
            page.Malformed.Add(new MalformedItem("(none)", "a message without an id"));
            return;
        }

        if (IsDraft(message.LabelIds))
        {
            return;
        }

        var headers = HeadersOf(message);
        if ((RfcDates.Parse(headers.GetValueOrDefault("Date")) ?? InternalDate(message.InternalDate)) is not { } sentAt)
        {
            page.Malformed.Add(new MalformedItem(message.Id, "no readable Date header or internalDate"));
            return;
        }

        page.Items.Add(ItemOf(message, headers, sentAt));
    }

    /// <summary>The message's headers by name, ignoring case; the first of a repeated header wins; a null or nameless entry is passed over.</summary>
    private static Dictionary<string, string?> HeadersOf(Message message) =>
        (message.Payload?.Headers ?? [])
            .Where(h => h?.Name is not null)
            .GroupBy(h => h.Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>A message with an id and a send time as a mail item; the folder is "sentitems" when it carries the SENT label.</summary>
    private static MailItem ItemOf(Message message, Dictionary<string, string?> headers, DateTimeOffset sentAt)
    {
        string? Header(string name) => headers.GetValueOrDefault(name);

        return new MailItem(
            message.Id!,
            Blank(Header("Message-ID")),
            message.ThreadId,
            (Header("References") ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
            Blank(Header("In-Reply-To")),
            TextLimits.Line(Header("Subject")),
            RfcAddresses.ParseOne(Header("From")),
            RfcAddresses.ParseOne(Header("Sender")),
            RfcAddresses.Parse(Header("To")),
            RfcAddresses.Parse(Header("Cc")),
            RfcAddresses.Parse(Header("Bcc")),
            sentAt,
            message.Snippet is null ? null : TextLimits.OptionalLine(WebUtility.HtmlDecode(message.Snippet)),
            message.LabelIds?.Contains("SENT", StringComparer.Ordinal) == true ? "sentitems" : "inbox");
    }

    private static DateTimeOffset? InternalDate(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>Renders a message as Graph's <c>microsoft.graph.message</c>.</summary>
internal static class GraphMessageJson
{
    /// <param name="withHeaders">
    /// Whether to list <c>internetMessageHeaders</c> (Graph returns them only for a single message, and only when
    /// <c>$select</c> names them); a test's wire overrides are laid over them too.
    /// </param>
    public static JsonObject Render(StoredMessage message, MailboxIdentity owner, GraphPreferences preferences, bool withHeaders = false)
    {
        var changeKey = GraphFormats.ChangeKey(message.Id, message.Version);
        var json = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.message",
            ["@odata.etag"] = GraphFormats.ETag(changeKey),
            ["id"] = message.Id,
            ["createdDateTime"] = GraphFormats.Instant(message.ReceivedAt),
            ["lastModifiedDateTime"] = GraphFormats.Instant(message.LastModified),
            ["changeKey"] = changeKey,
            ["categories"] = new JsonArray(),
            ["receivedDateTime"] = message.InvalidDates ? GraphFormats.InvalidInstant : GraphFormats.Instant(message.ReceivedAt),
            ["sentDateTime"] = message.InvalidDates ? GraphFormats.InvalidInstant : GraphFormats.Instant(message.SentAt),
            ["hasAttachments"] = false,
            ["internetMessageId"] = message.InternetMessageId,
            ["subject"] = message.Subject,
            ["bodyPreview"] = GraphFormats.Preview(message.BodyText, message.BodyHtml),
            ["importance"] = "normal",
            ["parentFolderId"] = GraphFolders.IdOf(owner, message.Folder),
            ["conversationId"] = message.ThreadId,
            ["isDeliveryReceiptRequested"] = false,
            ["isReadReceiptRequested"] = false,
            ["isRead"] = message.Folder != MailFolder.Inbox,
            ["isDraft"] = message.IsDraft,
            ["webLink"] = "https://outlook.office365.com/owa/?ItemID=" + Uri.EscapeDataString(message.Id) + "&exvsurl=1&viewmodel=ReadMessageItem",
            ["inferenceClassification"] = "focused",
            ["body"] = GraphFormats.Body(message.BodyText, message.BodyHtml, preferences.BodyContentType),
            ["sender"] = GraphFormats.Recipient(message.From),
            ["from"] = GraphFormats.Recipient(message.From),
            ["toRecipients"] = GraphFormats.Recipients(message.To),
            ["ccRecipients"] = GraphFormats.Recipients(message.Cc),
            ["bccRecipients"] = GraphFormats.Recipients(message.Bcc),
            ["replyTo"] = new JsonArray(),
            ["flag"] = new JsonObject { ["flagStatus"] = "notFlagged" },
        };
        if (withHeaders)
        {
            json["internetMessageHeaders"] = Headers(message);
        }

        return WireOverrides.Apply(json, message.WireOverrides);
    }

    public static bool Selects(string? select, string property) =>
        select?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(property, StringComparer.OrdinalIgnoreCase) == true;

    /// <summary>The message's <c>internetMessageHeaders</c>: <c>[{name, value}]</c> as Graph documents them (threading headers, then the extra ones).</summary>
    public static JsonArray Headers(StoredMessage message)
    {
        var headers = new JsonArray { Header("Message-ID", message.InternetMessageId) };
        if (message.InReplyTo is { } parent)
        {
            headers.Add(Header("In-Reply-To", parent));
            headers.Add(Header("References", parent));
        }

        headers.Add(Header("Subject", message.Subject));
        foreach (var extra in message.ExtraHeaders)
        {
            headers.Add(Header(extra.Name, extra.Value));
        }

        return headers;
    }

    private static JsonObject Header(string name, string value) => new() { ["name"] = name, ["value"] = value };
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary>Renders Gmail's <c>Message</c> resource in the <c>minimal</c>, <c>metadata</c>, <c>full</c> or <c>raw</c> format.</summary>
internal static class GmailMessageJson
{
    public static readonly string[] Formats = ["full", "metadata", "minimal", "raw"];

    public static JsonObject Render(StoredMessage message, MailboxIdentity owner, string format, IReadOnlyCollection<string> metadataHeaders)
    {
        var raw = message.RawMime ?? GmailMime.Raw(message, owner);
        var json = new JsonObject
        {
            ["id"] = message.Id,
            ["threadId"] = message.ThreadId,
            ["labelIds"] = new JsonArray([.. message.LabelIds.Select(l => (JsonNode)l)]),
            ["snippet"] = message.Snippet(200),
        };
        switch (format)
        {
            case "metadata":
                json["payload"] = message.RawMime is { } metadataOf ? GmailRawMime.Payload(metadataOf, metadataHeaders, withBodies: false) : Payload(message, owner, metadataHeaders, withBodies: false);
                break;
            case "full":
                json["payload"] = message.RawMime is { } fullOf ? GmailRawMime.Payload(fullOf, [], withBodies: true) : Payload(message, owner, [], withBodies: true);
                break;
            case "raw":
                json["raw"] = Base64Url(raw);
                break;
        }

        json["sizeEstimate"] = raw.Length;
        json["historyId"] = MailboxData.HistoryIdOf(message.Version);
        json["internalDate"] = message.InvalidDates ? "not-a-number" : message.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return WireOverrides.Apply(json, message.WireOverrides);
    }

    /// <summary>The id/threadId(/labelIds) stub Gmail puts in lists and history records.</summary>
    public static JsonObject Stub(string id, string threadId, IEnumerable<string>? labelIds = null)
    {
        var json = new JsonObject { ["id"] = id, ["threadId"] = threadId };
        if (labelIds is not null)
        {
            json["labelIds"] = new JsonArray([.. labelIds.Select(l => (JsonNode)l)]);
        }

        return json;
    }

    private static JsonObject Payload(StoredMessage message, MailboxIdentity owner, IReadOnlyCollection<string> onlyHeaders, bool withBodies)
    {
        var headers = GmailMime.Headers(message, owner)
            .Where(h => onlyHeaders.Count == 0 || onlyHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .Select(h => (JsonNode)new JsonObject { ["name"] = h.Key, ["value"] = h.Value });
        var multipart = GmailMime.IsMultipart(message);
        var payload = new JsonObject
        {
            ["partId"] = string.Empty,
            ["mimeType"] = multipart ? "multipart/alternative" : "text/plain",
            ["filename"] = string.Empty,
            ["headers"] = new JsonArray([.. headers]),
            ["body"] = multipart || !withBodies ? new JsonObject { ["size"] = 0 } : Body(message.BodyText),
        };
        if (multipart && withBodies)
        {
            payload["parts"] = new JsonArray(Part("0", "text/plain", message.BodyText), Part("1", "text/html", message.BodyHtml!));
        }

        return payload;
    }

    private static JsonObject Part(string partId, string mimeType, string content) => new()
    {
        ["partId"] = partId,
        ["mimeType"] = mimeType,
        ["filename"] = string.Empty,
        ["headers"] = new JsonArray(new JsonObject { ["name"] = "Content-Type", ["value"] = mimeType + "; charset=\"UTF-8\"" }),
        ["body"] = Body(content),
    };

    private static JsonObject Body(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new JsonObject { ["size"] = bytes.Length, ["data"] = Base64Url(bytes) };
    }

    /// <summary>Gmail's base64url keeps the '=' padding.</summary>
    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
}

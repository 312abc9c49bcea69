using System.Globalization;
using System.Text.Json;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// What a Gmail watch publishes: the mailbox's address and its historyId after the change. Read from a Pub/Sub push body
/// <c>{"message": {"data": base64 of {"emailAddress", "historyId"}, "messageId", "publishTime"}, "subscription"}</c>.
/// </summary>
internal sealed record PubSubGmailNotification(string EmailAddress, ulong HistoryId)
{
    /// <summary>An address longer than this is not one (RFC 5321's path limit).</summary>
    private const int MaxAddressLength = 254;

    private static readonly JsonDocumentOptions Limits = new() { MaxDepth = 8 };

    /// <summary>The notification in a push body, or null when the body is not one (any shape, encoding or value that does not fit).</summary>
    public static PubSubGmailNotification? Read(ReadOnlySpan<byte> body)
    {
        if (Data(body) is not { } data)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(data, Limits);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("emailAddress", out var address) || address.ValueKind != JsonValueKind.String
                || address.GetString() is not { Length: > 2 and <= MaxAddressLength } email || !email.Contains('@', StringComparison.Ordinal)
                || !root.TryGetProperty("historyId", out var history) || HistoryIdOf(history) is not { } historyId)
            {
                return null;
            }

            return new PubSubGmailNotification(email, historyId);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The decoded <c>message.data</c> of a push body, or null.</summary>
    private static byte[]? Data(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = data.GetString()!;
            var bytes = new byte[text.Length];
            return Convert.TryFromBase64String(text, bytes, out var written) && written > 0 ? bytes[..written] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Gmail sends the historyId as a number; a string of digits is taken too. Zero is no history.</summary>
    private static ulong? HistoryIdOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetUInt64(out var number) && number > 0 => number,
        JsonValueKind.String when ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 => parsed,
        _ => null,
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>
/// Reads a <see cref="ThreadMessage"/> of a stored thread snapshot in either shape: the current one (key, sent at,
/// fingerprint), or one that carries the message's content (subject, from, body) instead of a fingerprint, whose
/// fingerprint is computed from that content exactly as <see cref="EmailThread.Fold"/> computes it from the event.
/// A snapshot written before messages carried their bulk mark reads as not bulk. Writes the current shape only, so such a snapshot is slimmed the next time its thread is written.
/// </summary>
internal sealed class ThreadMessageJson : JsonConverter<ThreadMessage>
{
    public override ThreadMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var json = document.RootElement;
        var key = json.GetProperty(Name(options, nameof(ThreadMessage.MessageKey))).GetString()!;
        var sentAt = json.GetProperty(Name(options, nameof(ThreadMessage.SentAt))).GetDateTimeOffset();
        var fingerprint = json.TryGetProperty(Name(options, nameof(ThreadMessage.Fingerprint)), out var stored) && stored.ValueKind == JsonValueKind.Object
            ? stored.Deserialize<MessageFingerprint>(options)!
            : FromContent(json, sentAt, options);
        var bulk = json.TryGetProperty(Name(options, nameof(ThreadMessage.Bulk)), out var mark) && mark.ValueKind == JsonValueKind.True;
        return new ThreadMessage(key, sentAt, fingerprint, bulk);
    }

    public override void Write(Utf8JsonWriter writer, ThreadMessage value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Name(options, nameof(ThreadMessage.MessageKey)), value.MessageKey);
        writer.WriteString(Name(options, nameof(ThreadMessage.SentAt)), value.SentAt);
        writer.WritePropertyName(Name(options, nameof(ThreadMessage.Fingerprint)));
        JsonSerializer.Serialize(writer, value.Fingerprint, options);
        writer.WriteBoolean(Name(options, nameof(ThreadMessage.Bulk)), value.Bulk);
        writer.WriteEndObject();
    }

    private static MessageFingerprint FromContent(JsonElement json, DateTimeOffset sentAt, JsonSerializerOptions options)
    {
        var from = json.TryGetProperty(Name(options, "From"), out var sender) && sender.ValueKind == JsonValueKind.Object
            ? sender.Deserialize<Participant>(options)
            : null;
        var subject = json.TryGetProperty(Name(options, "Subject"), out var line) ? line.GetString() ?? string.Empty : string.Empty;
        var body = json.TryGetProperty(Name(options, "BodyText"), out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        return MessageFingerprint.Of(from, sentAt, subject, body);
    }

    private static string Name(JsonSerializerOptions options, string property) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}

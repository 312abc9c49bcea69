using System.Text.Json;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>
/// One item of a Graph notification body's <c>value</c> array, as far as routing needs it: the subscription id, the
/// <c>clientState</c> it echoes and, for lifecycle notifications, the event. Any field missing or not a string is null;
/// everything else (resource, resourceData, tenantId) is never read, because a notification only wakes a sync.
/// </summary>
internal sealed record MicrosoftNotification(string? SubscriptionId, string? ClientState, string? LifecycleEvent)
{
    /// <summary>Graph subscription ids are GUIDs; anything much longer is not one.</summary>
    public const int MaxIdLength = 128;

    public bool HasValidId => SubscriptionId is { Length: > 0 and <= MaxIdLength } id && !id.Any(char.IsControl);
}

/// <summary>
/// Reads a Graph notification body (<c>{"value": [...]}</c>): at most <see cref="MaxBytes"/>, at most
/// <see cref="MaxItems"/> items (the rest are left unread and only counted).
/// </summary>
internal static class MicrosoftNotificationBody
{
    /// <summary>Graph batches notifications well under this; a bigger body is refused unread.</summary>
    public const int MaxBytes = 1 << 20;

    public const int MaxItems = 1_000;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>The body's items and how many it held in all, or null when it is not a JSON object with a <c>value</c> array.</summary>
    public static (IReadOnlyList<MicrosoftNotification> Items, int Total)? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("value", out var value)
                || value.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var items = value.EnumerateArray().Take(MaxItems).Select(Item).ToList();
            return (items, value.GetArrayLength());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MicrosoftNotification Item(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
            ? new MicrosoftNotification(Text(item, "subscriptionId"), Text(item, "clientState"), Text(item, "lifecycleEvent"))
            : new MicrosoftNotification(null, null, null);

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;
}

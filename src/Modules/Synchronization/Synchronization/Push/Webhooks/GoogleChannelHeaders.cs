using Microsoft.AspNetCore.Http;

namespace NavusoftSync.Synchronization.Push.Webhooks;

/// <summary>
/// The <c>X-Goog-*</c> headers of a Google Calendar channel notification (its body is empty). Channel id, resource state,
/// resource id and message number are required; a token that is missing or too long is carried as null (it matches nothing).
/// </summary>
internal sealed record GoogleChannelHeaders(string ChannelId, string? Token, string State, string ResourceId, ulong MessageNumber)
{
    /// <summary>Google's limit for a channel id; ours are GUIDs.</summary>
    public const int MaxChannelIdLength = 64;

    /// <summary>Google's limit for a channel token; ours are 43 characters.</summary>
    public const int MaxTokenLength = 256;

    private const int MaxValueLength = 512;

    /// <summary>The headers, or null when a required one is missing, repeated or out of shape.</summary>
    public static GoogleChannelHeaders? Read(IHeaderDictionary headers)
    {
        if (Single(headers, "X-Goog-Channel-ID", MaxChannelIdLength) is not { } channelId || !channelId.All(IsChannelIdChar)
            || Single(headers, "X-Goog-Resource-State", MaxValueLength) is not { } state
            || Single(headers, "X-Goog-Resource-ID", MaxValueLength) is not { } resourceId
            || !ulong.TryParse(Single(headers, "X-Goog-Message-Number", 20), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return new GoogleChannelHeaders(channelId, Single(headers, "X-Goog-Channel-Token", MaxTokenLength), state, resourceId, number);
    }

    private static string? Single(IHeaderDictionary headers, string name, int maxLength) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 && values[0] is { Length: > 0 } value && value.Length <= maxLength ? value : null;

    /// <summary>Google allows <c>[A-Za-z0-9\-_\+/=]</c> in a channel id.</summary>
    private static bool IsChannelIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=';
}

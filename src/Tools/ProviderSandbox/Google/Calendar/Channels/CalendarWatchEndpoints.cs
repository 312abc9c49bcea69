using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar.Channels;

/// <summary>
/// <c>POST calendars/{calendarId}/events/watch</c> opens a web_hook channel (at most 7 days, the default) and sends its
/// <c>sync</c> message; <c>POST channels/stop</c> closes one of the caller's channels by id and resourceId.
/// </summary>
internal static class CalendarWatchEndpoints
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    public static async Task<IResult> WatchAsync(
        HttpContext http, string calendarId, CalendarChannelStore channels, MailboxChangeFeed feed, PushDispatcher dispatcher, TimeProvider clock)
    {
        var mailbox = http.GetMailbox();
        if (CalendarIds.Check(mailbox, calendarId) is { } notFound)
        {
            return notFound;
        }

        var body = await RequestJson.ReadObjectAsync(http);
        var (id, type, address) = (RequestJson.Text(body, "id"), RequestJson.Text(body, "type"), RequestJson.Text(body, "address"));
        if (string.IsNullOrWhiteSpace(id) || type is not ("web_hook" or "webhook") || !PushTargets.IsHttpUrl(address))
        {
            return GoogleApiErrors.Invalid("A channel needs an id, type \"web_hook\" and an absolute http(s) address.", "required");
        }

        if (Expiration(body!["expiration"], clock.GetUtcNow()) is not { } expiration)
        {
            return GoogleApiErrors.Invalid("The channel expiration must be in the future.");
        }

        var channel = new CalendarChannel
        {
            Id = id,
            ResourceId = ResourceId(mailbox.Email),
            ResourceUri = $"{http.Request.Scheme}://{http.Request.Host}{SandboxPaths.Calendar}/calendars/{Uri.EscapeDataString(calendarId)}/events?alt=json",
            Mailbox = mailbox.Email,
            CalendarId = calendarId,
            Address = address!,
            Token = RequestJson.Text(body, "token"),
            Expiration = expiration,
        };
        await feed.DrainedAsync(http.RequestAborted); // the changes made before the channel are not its to tell, and its "sync" comes first
        if (!channels.TryAdd(channel))
        {
            return GoogleApiErrors.Invalid($"Channel id {id} not unique", "channelIdNotUnique");
        }

        dispatcher.Enqueue(CalendarChannelNotifier.Notification(channel, "sync"));
        return new WireJsonResult(Json(channel), StatusCodes.Status200OK, WireJsonResult.Json);
    }

    public static async Task<IResult> StopAsync(HttpContext http, CalendarChannelStore channels)
    {
        var body = await RequestJson.ReadObjectAsync(http);
        var (id, resourceId) = (RequestJson.Text(body, "id"), RequestJson.Text(body, "resourceId"));
        if (id is null || channels.Find(id) is not { } channel
            || !string.Equals(channel.ResourceId, resourceId, StringComparison.Ordinal)
            || !channel.Mailbox.Equals(http.GetMailbox().Email, StringComparison.OrdinalIgnoreCase))
        {
            return GoogleApiErrors.NotFound($"Channel '{id}' not found for project 'sandbox'");
        }

        channels.Remove(channel.Id);
        return Results.NoContent();
    }

    private static JsonObject Json(CalendarChannel channel)
    {
        var json = new JsonObject
        {
            ["kind"] = "api#channel",
            ["id"] = channel.Id,
            ["resourceId"] = channel.ResourceId,
            ["resourceUri"] = channel.ResourceUri,
        };
        if (channel.Token is not null)
        {
            json["token"] = channel.Token;
        }

        json["expiration"] = channel.Expiration.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return json;
    }

    /// <summary>The watched resource's opaque id: the same for every channel on one calendar's events.</summary>
    private static string ResourceId(string email) =>
        SandboxIds.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes("calendar-events:" + email.ToLowerInvariant())).AsSpan(0, 20));

    /// <summary>
    /// The requested expiration (epoch ms, number or string) capped at 7 days; none requested: 7 days; null when it is not
    /// a number or not in the future.
    /// </summary>
    private static DateTimeOffset? Expiration(JsonNode? requested, DateTimeOffset now)
    {
        var cap = (now + MaxLifetime).ToUnixTimeMilliseconds();
        return requested is null ? now + MaxLifetime : Milliseconds(requested) switch
        {
            null => null,
            { } ms when ms <= now.ToUnixTimeMilliseconds() => null,
            { } ms => DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(ms, cap)),
        };
    }

    private static long? Milliseconds(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<long>(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        }
        : null;
}

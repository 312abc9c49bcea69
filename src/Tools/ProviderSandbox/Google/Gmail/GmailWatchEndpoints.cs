using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Google.PubSub;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary><c>users.watch</c> (a watch lives 7 days; a new one replaces the mailbox's previous one) and <c>users.stop</c>.</summary>
internal static class GmailWatchEndpoints
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static async Task<IResult> WatchAsync(HttpContext http, string userId, GmailWatchStore watches, TimeProvider clock)
    {
        var mailbox = http.GetMailbox();
        if (GmailUser.Check(mailbox, userId) is { } denied)
        {
            return denied;
        }

        var body = await RequestJson.ReadObjectAsync(http);
        var topic = RequestJson.Text(body, "topicName");
        if (!GmailTopic.IsValid(topic))
        {
            return GoogleApiErrors.Invalid("Invalid topicName does not match projects/SOME-ANDROID-PROJECT/topics/*", "invalidArgument");
        }

        var labels = body?["labelIds"] is JsonArray array
            ? [.. array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())]
            : Array.Empty<string>();
        var behavior = RequestJson.Text(body, "labelFilterBehavior") ?? RequestJson.Text(body, "labelFilterAction");
        var data = mailbox.Current;
        var watch = new GmailWatch(
            mailbox.Email,
            topic!,
            labels,
            string.Equals(behavior, "exclude", StringComparison.OrdinalIgnoreCase),
            long.Parse(data.HistoryId, CultureInfo.InvariantCulture),
            clock.GetUtcNow() + Lifetime);
        watches.Save(watch);
        return new WireJsonResult(
            new JsonObject
            {
                ["historyId"] = data.HistoryId,
                ["expiration"] = watch.Expiration.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
            StatusCodes.Status200OK,
            WireJsonResult.Json);
    }

    public static IResult Stop(HttpContext http, string userId, GmailWatchStore watches)
    {
        var mailbox = http.GetMailbox();
        if (GmailUser.Check(mailbox, userId) is { } denied)
        {
            return denied;
        }

        watches.Remove(mailbox.Email);
        return Results.NoContent();
    }
}

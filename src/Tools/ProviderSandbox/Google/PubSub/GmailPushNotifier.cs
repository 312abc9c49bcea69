using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Google.Gmail;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.PubSub;

/// <summary>
/// Gmail push: when a watched mailbox's history grows (messages added or deleted, within the watch's label filter), Gmail
/// publishes <c>{"emailAddress", "historyId"}</c> to the watch's topic, and Pub/Sub pushes it to each push subscription of
/// that topic with a Google-signed OIDC token in <c>Authorization</c>.
/// </summary>
internal sealed class GmailPushNotifier(GmailWatchStore watches, PubSubSubscriptionStore subscriptions, PubSubKeys keys, TimeProvider clock) : IPushSource
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private long _messageId = 2_070_443_601_311_540;

    public bool Watches(string email) => watches.Any(email);

    public IEnumerable<OutboundNotification> Notifications(MailboxChange change)
    {
        if (change.After.Identity.Provider != SandboxProvider.Google || watches.Find(change.Email) is not { } watch)
        {
            return [];
        }

        if (!NewRecords(change).Any(r => watch.Covers(r.LabelIds)))
        {
            return [];
        }

        var data = new JsonObject { ["emailAddress"] = change.After.Identity.Email, ["historyId"] = long.Parse(change.After.HistoryId, CultureInfo.InvariantCulture) };
        return [.. subscriptions.Of(watch.TopicName).Select(s => Push(change.Email, s, data.ToJsonString(SandboxJson.Wire)))];
    }

    /// <summary>The history records the mutation appended, newest first.</summary>
    private static IEnumerable<GmailHistoryRecord> NewRecords(MailboxChange change)
    {
        var before = MailboxData.HistoryBase + (change.Before.Version * MailboxData.HistoryStep);
        var history = change.After.History;
        for (var i = history.Count - 1; i >= 0 && history[i].HistoryId > before; i--)
        {
            yield return history[i];
        }
    }

    private OutboundNotification Push(string mailbox, PubSubPushSubscription subscription, string data)
    {
        var now = clock.GetUtcNow();
        var id = Interlocked.Increment(ref _messageId).ToString(CultureInfo.InvariantCulture);
        var published = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["attributes"] = new JsonObject(),
                ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)),
                ["messageId"] = id,
                ["message_id"] = id,
                ["publishTime"] = published,
                ["publish_time"] = published,
            },
            ["subscription"] = "projects/sandbox/subscriptions/" + subscription.Name,
        };
        var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + keys.Sign(Claims(subscription, now)) };
        return OutboundNotification.Json(mailbox, PushDeliveryKind.PubSub, subscription.PushEndpoint, body.ToJsonString(SandboxJson.Wire), headers);
    }

    private static JsonObject Claims(PubSubPushSubscription subscription, DateTimeOffset now)
    {
        var accountId = NumericId(subscription.ServiceAccountEmail);
        return new JsonObject
        {
            ["aud"] = subscription.Audience,
            ["azp"] = accountId,
            ["email"] = subscription.ServiceAccountEmail,
            ["email_verified"] = true,
            ["exp"] = (now + TokenLifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = "https://accounts.google.com",
            ["sub"] = accountId,
        };
    }

    /// <summary>A service account's stable 21-digit unique id.</summary>
    private static string NumericId(string email)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("service-account:" + email.ToLowerInvariant()));
        return "1" + (BitConverter.ToUInt64(hash, 0) % 100_000_000_000_000_000UL).ToString("D20", CultureInfo.InvariantCulture);
    }
}

using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>
/// Graph change notifications: each message (inbox, sent items, any folder) or event a mutation touched, for every live
/// subscription of the mailbox whose resource covers it and whose changeType names the change, batched per subscription
/// (at most 100 per POST).
/// </summary>
internal sealed class GraphChangeNotifier(GraphSubscriptionStore store) : IPushSource
{
    private const int BatchSize = 100;

    public bool Watches(string email) => store.Any(email);

    public IEnumerable<OutboundNotification> Notifications(MailboxChange change)
    {
        if (change.After.Identity.Provider != SandboxProvider.Microsoft)
        {
            yield break;
        }

        var subscriptions = store.LiveOf(change.Email).ToList();
        if (subscriptions.Count == 0)
        {
            yield break;
        }

        var items = GraphItemChanges.Between(change.Before, change.After);
        foreach (var subscription in subscriptions)
        {
            var matching = items.Where(i => subscription.Target.Covers(i) && subscription.Includes(i.ChangeType)).ToList();
            foreach (var batch in matching.Chunk(BatchSize))
            {
                var value = new JsonArray([.. batch.Select(i => (JsonNode)Notification(subscription, i))]);
                yield return OutboundNotification.Json(
                    change.Email, PushDeliveryKind.Graph, subscription.NotificationUrl, new JsonObject { ["value"] = value }.ToJsonString(SandboxJson.Wire));
            }
        }
    }

    private static JsonObject Notification(GraphSubscription subscription, GraphItemChange item)
    {
        var resource = $"Users/{subscription.UserId}/{(item.IsEvent ? "Events" : "Messages")}/{item.Id}";
        return new JsonObject
        {
            ["subscriptionId"] = subscription.Id,
            ["subscriptionExpirationDateTime"] = subscription.ExpirationText,
            ["changeType"] = item.ChangeType,
            ["resource"] = resource,
            ["resourceData"] = new JsonObject
            {
                ["@odata.type"] = item.IsEvent ? "#Microsoft.Graph.Event" : "#Microsoft.Graph.Message",
                ["@odata.id"] = resource,
                ["@odata.etag"] = $"W/\"CQAAAB{SandboxIds.Base64Url(BitConverter.GetBytes(item.Version))}\"",
                ["id"] = item.Id,
            },
            ["clientState"] = subscription.ClientState,
            ["tenantId"] = subscription.TenantId,
        };
    }
}

using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>
/// Sends a lifecycle notification to a subscription's lifecycleNotificationUrl, behind the notifications of the mailbox's
/// earlier changes; <c>subscriptionRemoved</c> also deletes it.
/// </summary>
internal sealed class GraphLifecycleNotifications(GraphSubscriptionStore store, MailboxChangeFeed feed, PushDispatcher dispatcher)
{
    public async Task SendAsync(string subscriptionId, GraphLifecycleEvent lifecycleEvent, CancellationToken cancellationToken)
    {
        await feed.DrainedAsync(cancellationToken);
        var subscription = store.Find(subscriptionId)
            ?? throw SandboxRequestException.NotFound($"There is no live Graph subscription '{subscriptionId}'.");
        if (subscription.LifecycleNotificationUrl is not { } url)
        {
            throw SandboxRequestException.Invalid($"Graph subscription '{subscriptionId}' has no lifecycleNotificationUrl, so Graph sends it no lifecycle events.");
        }

        if (lifecycleEvent == GraphLifecycleEvent.SubscriptionRemoved)
        {
            store.Remove(subscription.Id);
        }

        var notification = new JsonObject
        {
            ["subscriptionId"] = subscription.Id,
            ["subscriptionExpirationDateTime"] = subscription.ExpirationText,
            ["tenantId"] = subscription.TenantId,
            ["clientState"] = subscription.ClientState,
            ["lifecycleEvent"] = JsonNamingPolicyName(lifecycleEvent),
        };
        var body = new JsonObject { ["value"] = new JsonArray(notification) }.ToJsonString(SandboxJson.Wire);
        dispatcher.Enqueue(OutboundNotification.Json(subscription.Mailbox, PushDeliveryKind.GraphLifecycle, url, body));
    }

    private static string JsonNamingPolicyName(GraphLifecycleEvent lifecycleEvent) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(lifecycleEvent.ToString());
}

using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Google.Calendar.Channels;
using NavusoftSync.Tools.ProviderSandbox.Google.Gmail;
using NavusoftSync.Tools.ProviderSandbox.Google.PubSub;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>The push stores seen together: the control API's snapshot, expiry by id, and reset.</summary>
internal sealed class PushState(
    GraphSubscriptionStore graph,
    GmailWatchStore gmail,
    CalendarChannelStore calendar,
    PubSubSubscriptionStore pubSub,
    PushFaultQueue faults,
    PushDispatcher dispatcher,
    PushDeliveryLog deliveries)
{
    public PushStateSnapshot Snapshot() => new()
    {
        GraphSubscriptions = [.. graph.Live.Select(s => new GraphSubscriptionInfo(
            s.Id, s.Mailbox, s.ClientId, s.Resource, s.ChangeType, s.NotificationUrl, s.LifecycleNotificationUrl, s.ClientState, s.ExpirationDateTime))],
        GmailWatches = [.. gmail.Live.Select(w => new GmailWatchInfo(w.Mailbox, w.TopicName, w.HistoryId, w.Expiration))],
        CalendarChannels = [.. calendar.Live.Select(c => new CalendarChannelInfo(c.Id, c.ResourceId, c.Mailbox, c.CalendarId, c.Address, c.Token, c.Expiration))],
        Deliveries = deliveries.All,
    };

    /// <summary>Ends a Graph subscription, a Calendar channel or (given a mailbox address) a Gmail watch now, silently as expiry does.</summary>
    public void Expire(string id)
    {
        var expired = (graph.Find(id) is not null && graph.Remove(id))
            | (calendar.Find(id) is not null && calendar.Remove(id))
            | (gmail.Find(id) is not null && gmail.Remove(id));
        if (!expired)
        {
            throw SandboxRequestException.NotFound($"No live Graph subscription, Calendar channel or Gmail watch has the id '{id}'.");
        }
    }

    public void Clear()
    {
        dispatcher.Clear();
        graph.Clear();
        gmail.Clear();
        calendar.Clear();
        pubSub.Clear();
        faults.Clear();
        deliveries.Clear();
    }
}

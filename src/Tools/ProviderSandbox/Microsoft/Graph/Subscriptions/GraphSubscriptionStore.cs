using System.Collections.Concurrent;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>Every Graph subscription by id. One whose expirationDateTime has passed on the sandbox clock is gone.</summary>
internal sealed class GraphSubscriptionStore(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, GraphSubscription> _subscriptions = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<GraphSubscription> Live
    {
        get
        {
            var now = clock.GetUtcNow();
            return [.. _subscriptions.Values.Where(s => s.ExpirationDateTime > now).OrderBy(s => s.Mailbox, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id, StringComparer.Ordinal)];
        }
    }

    public bool Any(string email) => _subscriptions.Any(s => s.Value.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<GraphSubscription> LiveOf(string email) => Live.Where(s => s.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase));

    /// <summary>A live subscription by id, whoever owns it.</summary>
    public GraphSubscription? Find(string id) =>
        _subscriptions.TryGetValue(id, out var found) && found.ExpirationDateTime > clock.GetUtcNow() ? found : null;

    /// <summary>A live subscription of this mailbox and app; another owner's id is as unknown as a made-up one.</summary>
    public GraphSubscription? FindOwned(string id, string email, string clientId) =>
        Find(id) is { } found && found.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase) && found.ClientId.Equals(clientId, StringComparison.Ordinal)
            ? found
            : null;

    public void Add(GraphSubscription subscription) => _subscriptions[subscription.Id] = subscription;

    /// <summary>Swaps <paramref name="current"/> for <paramref name="next"/>; false when it was deleted or changed meanwhile.</summary>
    public bool Replace(GraphSubscription current, GraphSubscription next) => _subscriptions.TryUpdate(current.Id, next, current);

    public bool Remove(string id) => _subscriptions.TryRemove(id, out _);

    public void Clear() => _subscriptions.Clear();
}

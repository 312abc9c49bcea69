using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Faults;

/// <summary>
/// A message hidden from a mailbox's change feeds (<see cref="FaultKind.OmitFromFeed"/>): the one named by
/// <see cref="FaultSpec.ItemId"/>, or the first <see cref="FaultSpec.Count"/> messages created after
/// <paramref name="AfterVersion"/> (the mailbox's version when the fault was set), in creation order.
/// </summary>
internal sealed record FeedOmission(string Id, FaultSpec Spec, long AfterVersion)
{
    public bool Concerns(string email) => Spec.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase);

    /// <summary>The ids of the messages this omission hides in <paramref name="data"/>.</summary>
    public IEnumerable<string> MessageIds(MailboxData data) =>
        Spec.ItemId is { Length: > 0 } id
            ? [id]
            : data.Messages.Values
                .Where(m => m.CreatedVersion > AfterVersion)
                .OrderBy(m => m.CreatedVersion)
                .ThenBy(m => m.Id, StringComparer.Ordinal)
                .Take(Math.Max(1, Spec.Count))
                .Select(m => m.Id);

    public QueuedFault ToQueued() => new(Id, Spec, Math.Max(1, Spec.Count));
}

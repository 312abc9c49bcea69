using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.Synchronization.Quota;

/// <summary>A mailbox's quota key: the provider API (<c>gmail</c>, <c>calendar</c>, <c>graph</c>) and the mailbox address, normalized (<see cref="EmailAddressRule.Normalize"/>).</summary>
internal sealed record QuotaKey(string Api, string Mailbox)
{
    public static QuotaKey Of(string api, string address) => new(api, EmailAddressRule.Normalize(address));
}

/// <summary>Where every host's share of a mailbox's quota is granted: the shared token buckets.</summary>
internal interface IQuotaLedger
{
    /// <summary>Takes <paramref name="need"/> to <paramref name="want"/> units from the key's bucket in one atomic step, or none and how long until there are enough.</summary>
    Task<QuotaGrant> GrantAsync(QuotaKey key, int need, int want, QuotaRate rate, CancellationToken cancellationToken);

    /// <summary>Empties the key's bucket and grants nothing for <paramref name="pause"/> (a provider's <c>Retry-After</c>), for every host.</summary>
    Task PauseAsync(QuotaKey key, TimeSpan pause, CancellationToken cancellationToken);
}

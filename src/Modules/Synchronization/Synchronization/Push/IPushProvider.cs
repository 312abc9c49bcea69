using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// Where a link's registrations point and with what they are made: the mailbox (its access carries the token and
/// the request budget) and the public base URL of the webhooks (<c>Links:WebhookBaseUrl</c>, no trailing slash).
/// </summary>
internal sealed record PushTarget(MailboxAccess Access, string TenantId, string WebhookBase);

/// <summary>
/// A registration just made at the provider: its id, what it watches, the secret the provider will echo (plain here;
/// the caller stores it protected) and when it expires.
/// </summary>
internal sealed record PushGrant(string Id, PushResource Resource, string? Secret, string? ResourceId, DateTimeOffset ExpiresAt);

/// <summary>
/// One provider's subscriptions, watches or channels. Every call goes to the provider with the link's token; failures
/// throw the readers' exceptions (<see cref="ReauthRequiredException"/>, <see cref="ProviderUnavailableException"/>) or
/// <see cref="PushRegistrationGoneException"/>.
/// </summary>
internal interface IPushProvider
{
    /// <summary><c>microsoft</c> or <c>google</c>.</summary>
    string Provider { get; }

    /// <summary>The resources a healthy link of this provider has one registration each for (with the current settings).</summary>
    IReadOnlySet<PushResource> Resources { get; }

    /// <summary>Makes one registration at the provider (a Graph subscription with a fresh <c>clientState</c>, a Gmail watch, a Calendar channel with a fresh token).</summary>
    Task<PushGrant> SubscribeAsync(PushTarget target, PushResource resource, CancellationToken cancellationToken);

    /// <summary>Extends a registration; answers its new expiry. Throws <see cref="PushRegistrationGoneException"/> when the provider no longer has it.</summary>
    Task<DateTimeOffset> RenewAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken);

    /// <summary>Deletes a registration at the provider; one the provider no longer has counts as deleted.</summary>
    Task UnsubscribeAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes this app's registrations at the provider that point at <see cref="PushTarget.WebhookBase"/> and that
    /// <paramref name="inUse"/> does not claim (ones left behind by a crash between creating and storing, or by a lost
    /// grant); answers how many. The mailbox may be linked by other users or tenants, whose registrations the provider
    /// lists too: <paramref name="inUse"/> answers for every link. Providers that cannot list their registrations answer 0.
    /// </summary>
    Task<int> SweepAsync(PushTarget target, PushIdsInUse inUse, CancellationToken cancellationToken);
}

/// <summary>Of the given registration ids found at the provider, those some link (of any user or tenant) still uses.</summary>
internal delegate Task<IReadOnlySet<string>> PushIdsInUse(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

/// <summary>The provider no longer has the registration (expired, removed): it must be made again.</summary>
internal sealed class PushRegistrationGoneException(string message, Exception? inner = null) : Exception(message, inner);

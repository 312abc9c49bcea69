using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// Keeps a link's subscriptions, watch and channels at its provider, in the scope's tenant. Run by the link's clustered
/// upkeep job (<see cref="PushUpkeepJob"/>: two hosts never keep one link at once) and at unlink. Every registration is
/// stored, with its route, in a commit of its own the moment the provider made it, so a crash leaves at most one
/// unstored (the Graph sweep deletes such strays); it is deleted at the provider before it is forgotten, and one that
/// cannot be deleted now (no grant) stays, orphaned, until the link has a token again. It never commits the scope's
/// session: its own sessions keep it out of a caller's unit of work (unlink runs it inside one). Each public call holds
/// the link's <see cref="LinkPushLock"/>, so an unlink's stop never reads the registrations while an upkeep is making one.
/// </summary>
internal sealed partial class LinkPushUpkeep(
    IDocumentStore store,
    ITenantContext tenant,
    IEnumerable<IPushProvider> providers,
    PushSecrets secrets,
    PushRouter router,
    IOptions<PushOptions> options,
    SyncScheduler scheduler,
    ISender sender,
    TimeProvider clock,
    ILogger<LinkPushUpkeep> logger)
{
    /// <summary>How long unlinking waits for the provider to delete the link's registrations.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Brings the link's registrations to what its provider needs: orphaned and gone ones deleted, missing ones made
    /// (then a run covers whatever changed meanwhile), ones under <see cref="PushOptions.RenewWhenUnder"/> or asked for
    /// renewed; with push off, or the link inactive, none. Sets the link's push status and its poll interval.
    /// </summary>
    public async Task RunAsync(string linkId, CancellationToken cancellationToken)
    {
        await using var held = await LinkPushLock.AcquireAsync(store, tenant.TenantId, linkId, cancellationToken);
        var (link, registrations) = await LoadAsync(linkId, cancellationToken);
        if (link is not { Active: true })
        {
            await OrphanLockedAsync(linkId, link?.Address, registrations, cancellationToken);
            await scheduler.UnschedulePushUpkeepAsync(tenant.TenantId, linkId, cancellationToken); // a link made active again schedules it anew
            return;
        }

        if (link.Provider == Providers.Imap.ImapReader.ProviderName)
        {
            return; // a password mailbox's push is its IDLE connection, kept and reported by the IDLE pool (Push/Idle)
        }

        if (ProviderOf(link) is not { } provider)
        {
            await StopLockedAsync(linkId, link, registrations, cancellationToken);
            return;
        }

        using var tokens = new RunAccessTokens(link.Id, sender, clock);
        var target = TargetOf(link, tokens);
        try
        {
            var remade = await KeepAsync(provider, target, registrations, cancellationToken);
            var live = await RegistrationsAsync(linkId, cancellationToken);
            await SetStatusAsync(linkId, PushStatus.Active, live.Where(r => r.IsLive).Min(r => (DateTimeOffset?)r.ExpiresAt), null, cancellationToken);
            if (remade)
            {
                await scheduler.TriggerNowAsync(tenant.TenantId, linkId, SyncTrigger.Push, cancellationToken);
            }
        }
        catch (ReauthRequiredException)
        {
            await OrphanLockedAsync(linkId, link.Address, await RegistrationsAsync(linkId, cancellationToken), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception, linkId, link.Provider);
            await SetStatusAsync(linkId, PushStatus.Failed, null, FailureOf(exception), cancellationToken);
        }
    }

    /// <summary>
    /// Deletes every registration of the link at its provider (within <see cref="StopTimeout"/>) and forgets it; one the
    /// provider could not be asked to delete stays orphaned. Push status Off. For unlink (while the link still has its
    /// grant) and for push switched off.
    /// </summary>
    public async Task StopAsync(string linkId, CancellationToken cancellationToken)
    {
        LinkPushLock held;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(StopTimeout);
            try
            {
                held = await LinkPushLock.AcquireAsync(store, tenant.TenantId, linkId, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogBusy(logger, linkId); // an upkeep kept the link too long: the unlink goes on, and its event orphans what is left
                return;
            }
        }

        await using (held)
        {
            var (link, registrations) = await LoadAsync(linkId, cancellationToken);
            await StopLockedAsync(linkId, link, registrations, cancellationToken);
        }
    }

    /// <summary>The link lost its grant (or is inactive): nothing routes to its registrations any more; they stay, orphaned, for the next token. Push status Off.</summary>
    public async Task OrphanAsync(string linkId, CancellationToken cancellationToken)
    {
        await using var held = await LinkPushLock.AcquireAsync(store, tenant.TenantId, linkId, cancellationToken);
        var (link, registrations) = await LoadAsync(linkId, cancellationToken);
        await OrphanLockedAsync(linkId, link?.Address, registrations, cancellationToken);
    }

    /// <summary>Deletes what it can at the provider within <see cref="StopTimeout"/>, then orphans what is left.</summary>
    private async Task StopLockedAsync(string linkId, SyncedLink? link, IReadOnlyList<PushRegistration> registrations, CancellationToken cancellationToken)
    {
        var left = registrations;
        if (registrations.Count > 0 && link is not null && ProviderOf(link, ignoreSettings: true) is { } provider)
        {
            using var tokens = new RunAccessTokens(link.Id, sender, clock);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(StopTimeout);
            var target = TargetOf(link, tokens);
            var kept = new List<PushRegistration>();
            foreach (var registration in registrations)
            {
                if (!await TryForgetAsync(provider, target, registration, deadline.Token))
                {
                    kept.Add(registration);
                }
            }

            left = kept;
        }

        await OrphanLockedAsync(linkId, link?.Address, left, cancellationToken);
    }

    private async Task OrphanLockedAsync(string linkId, string? address, IReadOnlyList<PushRegistration> registrations, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession(tenant.TenantId);
        if (registrations.Count == 0 && await session.LoadAsync<LinkPush>(linkId, cancellationToken) is null or { Status: PushStatus.Off })
        {
            return; // nothing to orphan and already off (push never set up, as where it is not configured): nothing to write
        }

        foreach (var registration in registrations)
        {
            DeleteRoute(session, registration, address);
            session.Store(registration with { Orphaned = true });
        }

        session.Store(LinkPush.Off(linkId, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
        await scheduler.SetPollIntervalAsync(tenant.TenantId, linkId, healthyPush: false, cancellationToken);
    }

    private async Task<bool> KeepAsync(IPushProvider provider, PushTarget target, IReadOnlyList<PushRegistration> registrations, CancellationToken cancellationToken)
    {
        foreach (var stale in registrations.Where(r => !r.IsLive))
        {
            await ForgetAsync(provider, target, stale, cancellationToken);
        }

        var live = registrations.Where(r => r.IsLive).ToList();
        if (!IsComplete(provider, live))
        {
            await RemakeAsync(provider, target, live, cancellationToken);
            return true;
        }

        var remade = false;
        foreach (var due in live.Where(NeedsRenewal))
        {
            remade |= await RenewOrRemakeAsync(provider, target, due, cancellationToken);
        }

        return remade;
    }

    /// <summary>One live registration per resource the provider needs, no more, no less.</summary>
    private static bool IsComplete(IPushProvider provider, List<PushRegistration> live) =>
        live.Count == provider.Resources.Count && provider.Resources.SetEquals(live.Select(r => r.Resource));

    private async Task RemakeAsync(IPushProvider provider, PushTarget target, List<PushRegistration> live, CancellationToken cancellationToken)
    {
        await SetStatusAsync(target.Access.LinkId, PushStatus.Renewing, null, null, cancellationToken, setInterval: false);
        foreach (var registration in live)
        {
            await ForgetAsync(provider, target, registration, cancellationToken);
        }

        var made = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in provider.Resources)
        {
            made.Add((await SubscribeAsync(provider, target, resource, cancellationToken)).Id);
        }

        var swept = await provider.SweepAsync(target, InUseAsync, cancellationToken);
        if (swept > 0)
        {
            LogSwept(logger, target.Access.LinkId, swept);
        }

        // What this run just made, and whatever any link of any tenant routes to (the mailbox may be linked more than once).
        async Task<IReadOnlySet<string>> InUseAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            var used = new HashSet<string>(made.Intersect(ids), StringComparer.Ordinal);
            used.UnionWith(await router.RoutedAsync(ids, ct));
            return used;
        }
    }

    private async Task<bool> RenewOrRemakeAsync(IPushProvider provider, PushTarget target, PushRegistration due, CancellationToken cancellationToken)
    {
        DateTimeOffset expires;
        try
        {
            expires = await provider.RenewAsync(target, due, cancellationToken);
        }
        catch (PushRegistrationGoneException)
        {
            await ForgetAsync(provider, target, due, cancellationToken);
            await SubscribeAsync(provider, target, due.Resource, cancellationToken);
            return true;
        }

        await using var session = store.LightweightSession(tenant.TenantId);
        session.Store(due with { ExpiresAt = expires, RenewedAt = clock.GetUtcNow(), RenewRequested = false });
        await session.SaveChangesAsync(cancellationToken);
        return false;
    }

    private bool NeedsRenewal(PushRegistration registration)
    {
        var now = clock.GetUtcNow();
        return registration.RenewRequested
            || registration.ExpiresAt - now < PushOptions.RenewWhenUnder
            || (registration.Resource == PushResource.GmailMailbox && now - (registration.RenewedAt ?? registration.CreatedAt) >= PushOptions.GmailRenewEvery);
    }

    private async Task<PushRegistration> SubscribeAsync(IPushProvider provider, PushTarget target, PushResource resource, CancellationToken cancellationToken)
    {
        var grant = await provider.SubscribeAsync(target, resource, cancellationToken);
        var linkId = target.Access.LinkId;
        var registration = new PushRegistration(
            grant.Id, linkId, provider.Provider, resource, grant.Secret is { } secret ? secrets.Protect(secret, tenant.TenantId, linkId) : null,
            grant.ResourceId, grant.ExpiresAt, clock.GetUtcNow());
        await using var session = store.LightweightSession(tenant.TenantId);
        session.Store(registration);
        session.Store(PushRoute.For(RouteKeyOf(registration, target.Access.Address), tenant.TenantId, linkId));
        await session.SaveChangesAsync(cancellationToken);
        return registration;
    }

    /// <summary>Deletes the registration at the provider (one it no longer has counts as deleted), then forgets it and its route.</summary>
    private async Task ForgetAsync(IPushProvider provider, PushTarget target, PushRegistration registration, CancellationToken cancellationToken)
    {
        try
        {
            await provider.UnsubscribeAsync(target, registration, cancellationToken);
        }
        catch (PushRegistrationGoneException)
        {
            // already gone at the provider
        }

        await using var session = store.LightweightSession(tenant.TenantId);
        DeleteRoute(session, registration, target.Access.Address);
        session.Delete<PushRegistration>(registration.Id);
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether the registration was deleted at the provider and forgotten; a failure is logged.</summary>
    private async Task<bool> TryForgetAsync(IPushProvider provider, PushTarget target, PushRegistration registration, CancellationToken cancellationToken)
    {
        try
        {
            await ForgetAsync(provider, target, registration, cancellationToken);
            return true;
        }
        catch (Exception exception)
        {
            LogNotDeleted(logger, exception, target.Access.LinkId, registration.Id);
            return false;
        }
    }

    private void DeleteRoute(IDocumentSession session, PushRegistration registration, string? address)
    {
        if (registration.Resource != PushResource.GmailMailbox || address is not null)
        {
            session.Delete<PushRoute>(PushRoute.For(RouteKeyOf(registration, address!), tenant.TenantId, registration.LinkId).Id);
        }
    }

    private static string RouteKeyOf(PushRegistration registration, string address) => registration.Resource switch
    {
        PushResource.GmailMailbox => PushRoute.GmailKey(address),
        PushResource.GoogleCalendar => PushRoute.CalendarKey(registration.Id),
        _ => PushRoute.GraphKey(registration.Id),
    };

    private async Task SetStatusAsync(
        string linkId, PushStatus status, DateTimeOffset? expiresAt, string? error, CancellationToken cancellationToken, bool setInterval = true)
    {
        await using (var session = store.LightweightSession(tenant.TenantId))
        {
            session.Store(new LinkPush(linkId, status, expiresAt, error, clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellationToken);
        }

        if (setInterval)
        {
            await scheduler.SetPollIntervalAsync(tenant.TenantId, linkId, status == PushStatus.Active, cancellationToken);
        }
    }

    private async Task<(SyncedLink? Link, IReadOnlyList<PushRegistration> Registrations)> LoadAsync(string linkId, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession(tenant.TenantId);
        return (await query.LoadAsync<SyncedLink>(linkId, cancellationToken), await query.Query<PushRegistration>().Where(r => r.LinkId == linkId).ToListAsync(cancellationToken));
    }

    private async Task<IReadOnlyList<PushRegistration>> RegistrationsAsync(string linkId, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession(tenant.TenantId);
        return await query.Query<PushRegistration>().Where(r => r.LinkId == linkId).ToListAsync(cancellationToken);
    }

    private IPushProvider? ProviderOf(SyncedLink link, bool ignoreSettings = false) =>
        ignoreSettings || options.Value.IsOn ? providers.FirstOrDefault(p => p.Provider == link.Provider) : null;

    private PushTarget TargetOf(SyncedLink link, RunAccessTokens tokens) => new(
        new MailboxAccess(link.Id, link.Provider, link.Address, tokens.GetAsync, tokens.RejectAsync) { WakeReason = SyncTrigger.Push },
        tenant.TenantId,
        options.Value.WebhookBase ?? string.Empty);

    private static string FailureOf(Exception exception) => exception switch
    {
        ProviderUnavailableException => "The provider could not be reached to keep push notifications; the link is polled until it can.",
        _ => "Push notifications could not be set up; the link is polled until they can.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: keeping {Provider} push notifications failed; the link is polled at the normal interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string linkId, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: push registration {RegistrationId} could not be deleted at the provider; it stays orphaned until the link has a token again, or expires")]
    private static partial void LogNotDeleted(ILogger logger, Exception exception, string linkId, string registrationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: its push upkeep held the link past the stop's time limit; what it keeps is orphaned instead of deleted")]
    private static partial void LogBusy(ILogger logger, string linkId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: {Count} stray push registrations of ours deleted at the provider")]
    private static partial void LogSwept(ILogger logger, string linkId, int count);
}

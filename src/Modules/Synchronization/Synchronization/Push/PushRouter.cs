using Marten;

namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// From a notification to its link: the routes of a key (the one lookup outside a tenant, <see cref="PushRoute"/>),
/// then, in the route's own tenant, the registration whose secret the notification must present.
/// </summary>
internal sealed class PushRouter(IDocumentStore store, PushSecrets secrets)
{
    /// <summary>More routes than this for one key is not a real mailbox: the rest are ignored.</summary>
    public const int MaxRoutesPerKey = 50;

    public async Task<IReadOnlyList<PushRoute>> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.Query<PushRoute>().Where(r => r.Key == key).OrderBy(r => r.Id).Take(MaxRoutesPerKey).ToListAsync(cancellationToken);
    }

    /// <summary>Of the given registration ids, those some link of any tenant routes to (as a Graph subscription or a Calendar channel).</summary>
    public async Task<IReadOnlySet<string>> RoutedAsync(IReadOnlyCollection<string> registrationIds, CancellationToken cancellationToken)
    {
        var byKey = registrationIds.SelectMany(id => new[] { (Key: PushRoute.GraphKey(id), Id: id), (Key: PushRoute.CalendarKey(id), Id: id) })
            .ToDictionary(k => k.Key, k => k.Id, StringComparer.Ordinal);
        var keys = byKey.Keys.ToArray();
        await using var query = store.QuerySession();
        var routed = await query.Query<PushRoute>().Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(cancellationToken);
        return routed.Select(k => byKey[k]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The live registration <paramref name="registrationId"/> of the route's link, in the route's tenant, when
    /// <paramref name="presentedSecret"/> is its secret (constant-time); otherwise null.
    /// </summary>
    public async Task<PushRegistration?> VerifyAsync(PushRoute route, string registrationId, string? presentedSecret, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession(route.TenantId);
        var registration = await query.LoadAsync<PushRegistration>(registrationId, cancellationToken);
        return registration is { IsLive: true } && registration.LinkId == route.LinkId && secrets.Matches(registration, route.TenantId, presentedSecret)
            ? registration
            : null;
    }

    /// <summary>The live registrations of the route's link, in the route's tenant (for notifications whose secret is not per registration: Gmail's OIDC token).</summary>
    public async Task<IReadOnlyList<PushRegistration>> RegistrationsAsync(PushRoute route, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession(route.TenantId);
        var registrations = await query.Query<PushRegistration>().Where(r => r.LinkId == route.LinkId).ToListAsync(cancellationToken);
        return [.. registrations.Where(r => r.IsLive)];
    }
}

using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Linking.Integrations;
using NavusoftSync.Linking.Links;
using NavusoftSync.Testing;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>
/// Each stream of the module has one evolve: the state the deciders fold in memory (<see cref="Link.Fold"/>,
/// <see cref="TenantIntegrations.Fold"/>) is the state Marten keeps as the inline snapshot, fetches for writing and
/// aggregates from the stored stream, for every event type the module records (read from the store's event
/// registrations, so a new event type needs a place in one of the histories).
/// </summary>
public sealed class LinkingEvolveTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private sealed record LinkSuspended(string LinkId);

    /// <summary>Every event type of a link stream; only a sync request leaves the state as it is.</summary>
    private static object[] LinkHistory(string id) =>
    [
        new Linked(id, "user-1", "google", "1234567890", "carl@gmail.com", "Carl", "openid email", At),
        new ReauthRequired(id, "user-1", "google", "invalid_grant", At.AddMinutes(1)),
        new Relinked(id, "user-1", "google", "1234567890", "carl.b@gmail.com", "openid email", At.AddMinutes(2)),
        new SyncRequested(id, "user-1", "google", At.AddMinutes(3)),
        new Unlinked(id, "user-1", "google", At.AddMinutes(4)),
    ];

    /// <summary>Every event type of the tenant integration stream, each changing the state.</summary>
    private static object[] IntegrationsHistory() =>
    [
        new ProviderEnabled("google", "TR-1", "admin-1", At),
        new CustomDomainMapped("hauler.example", "google", "admin-1", At.AddMinutes(1)),
        new ProviderEnabled("microsoft", "TR-2", "admin-1", At.AddMinutes(2)),
        new ProviderDisabled("google", null, "admin-2", At.AddMinutes(3)),
        new CustomDomainMapped("yard.example", "microsoft", "admin-1", At.AddMinutes(4)),
        new CustomDomainUnmapped("hauler.example", "admin-2", At.AddMinutes(5)),
    ];

    private IDocumentStore Store => fixture.App.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public void The_histories_hold_every_event_type_the_module_records()
    {
        var registered = ((EventGraph)((StoreOptions)Store.Options).Events).AllKnownEventTypes()
            .Where(e => e.EventTypeName.StartsWith("linking.", StringComparison.Ordinal)).Select(e => e.EventType);

        Assert.Equal(
            registered.OrderBy(t => t.Name),
            LinkHistory("l").Concat(IntegrationsHistory()).Select(e => e.GetType()).Distinct().OrderBy(t => t.Name));
    }

    [Fact]
    public void Every_event_of_the_histories_changes_the_state_but_a_sync_request_and_an_unknown_one_is_caught()
    {
        Assert.Equal([typeof(SyncRequested)], EvolveParity.Unchanged<Link>(LinkHistory("l"), Link.Fold));
        Assert.Equal([typeof(SyncRequested), typeof(LinkSuspended)], EvolveParity.Unchanged<Link>([.. LinkHistory("l"), new LinkSuspended("l")], Link.Fold));
        Assert.Empty(EvolveParity.Unchanged<TenantIntegrations>(IntegrationsHistory(), TenantIntegrations.Fold));
        Assert.Equal([typeof(LinkSuspended)], EvolveParity.Unchanged<TenantIntegrations>([.. IntegrationsHistory(), new LinkSuspended("l")], TenantIntegrations.Fold));
    }

    [Fact]
    public async Task Marten_keeps_fetches_and_aggregates_the_link_the_evolve_folds()
    {
        var id = $"link-{Guid.NewGuid():N}";
        var folded = await EvolveParity.AssertMartenFoldsAsync<Link>(Store, "tenant-evolve-links", id, LinkHistory(id), Link.Fold);
        Assert.Contains("carl.b@gmail.com", folded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marten_keeps_fetches_and_aggregates_the_tenant_integrations_the_evolve_folds()
    {
        const string tenant = "tenant-evolve-integrations";
        var folded = await EvolveParity.AssertMartenFoldsAsync<TenantIntegrations>(
            Store, tenant, TenantIntegrations.StreamKey, IntegrationsHistory(), TenantIntegrations.Fold);
        Assert.Contains("yard.example", folded, StringComparison.Ordinal);
    }
}

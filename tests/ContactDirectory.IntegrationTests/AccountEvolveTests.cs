using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.Testing;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

/// <summary>
/// An account stream has one evolve: the state the deciders fold in memory (<see cref="Account.Fold"/>) is the state
/// Marten keeps as the inline snapshot, fetches for writing and aggregates from the stored stream, for every event type
/// the module records (read from the store's event registrations, so a new event type needs a place in the history).
/// </summary>
public sealed class AccountEvolveTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Tenant = "tenant-evolve";
    private static readonly DateTimeOffset At = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private sealed record AccountArchived(string AccountId);

    /// <summary>Every event type of the account stream, each changing the state it is folded onto.</summary>
    private static object[] History(string id) =>
    [
        new AccountRegistered(id, "Acme", At),
        new AccountRenamed(id, "Acme Hauling", At.AddMinutes(1)),
        new ContactAdded(id, "c1", "Bob", "bob@acme.com", At.AddMinutes(2)),
        new ContactAdded(id, "c2", "Ann", "ann@acme.com", At.AddMinutes(3)),
        new ContactRenamed(id, "c1", "bob@acme.com", "Robert", At.AddMinutes(4)),
        new ContactEmailChanged(id, "c1", "Robert", "bob@acme.com", "robert@acme.com", At.AddMinutes(5)),
        new ContactRemoved(id, "c2", "ann@acme.com", At.AddMinutes(6)),
    ];

    private IDocumentStore Store => fixture.App.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public void The_history_holds_every_event_type_the_module_records()
    {
        var registered = ((EventGraph)((StoreOptions)Store.Options).Events).AllKnownEventTypes()
            .Where(e => e.EventTypeName.StartsWith("contact_directory.", StringComparison.Ordinal)).Select(e => e.EventType);

        Assert.Equal(registered.OrderBy(t => t.Name), History("a").Select(e => e.GetType()).Distinct().OrderBy(t => t.Name));
    }

    [Fact]
    public void Every_event_of_the_history_changes_the_state_and_an_unknown_one_is_caught()
    {
        Assert.Empty(EvolveParity.Unchanged<Account>(History("a"), Account.Fold));
        Assert.Equal([typeof(AccountArchived)], EvolveParity.Unchanged<Account>([.. History("a"), new AccountArchived("a")], Account.Fold));
    }

    [Fact]
    public async Task Marten_keeps_fetches_and_aggregates_the_state_the_evolve_folds()
    {
        var id = $"acc-{Guid.NewGuid():N}";
        var folded = await EvolveParity.AssertMartenFoldsAsync<Account>(Store, Tenant, id, History(id), Account.Fold);
        Assert.Contains("robert@acme.com", folded, StringComparison.Ordinal);
    }
}

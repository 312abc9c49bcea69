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
        Assert.Empty(Unchanged(History("a")));
        Assert.Equal([typeof(AccountArchived)], Unchanged([.. History("a"), new AccountArchived("a")]));
    }

    [Fact]
    public async Task Marten_keeps_fetches_and_aggregates_the_state_the_evolve_folds()
    {
        var id = $"acc-{Guid.NewGuid():N}";
        var history = History(id);
        for (var i = 0; i < history.Length; i++) // one commit per event: the inline snapshot must take each event type on its own
        {
            await using var session = Store.LightweightSession(Tenant);
            if (i == 0)
            {
                session.Events.StartStream<Account>(id, history[0]);
            }
            else
            {
                session.Events.Append(id, history[i]);
            }

            await session.SaveChangesAsync();
        }

        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30)); // the publisher is done before the host stops
        var folded = Json(History(id).Aggregate((Account?)null, Account.Fold));
        await using var writing = Store.LightweightSession(Tenant);
        Assert.Equal(folded, Json(await writing.LoadAsync<Account>(id)));
        Assert.Equal(folded, Json((await writing.Events.FetchForWriting<Account>(id)).Aggregate));
        Assert.Equal(folded, Json(await writing.Events.AggregateStreamAsync<Account>(id)));
        Assert.Contains("robert@acme.com", folded, StringComparison.Ordinal);
    }

    /// <summary>The event types whose fold leaves the state as it was (the very instance: nothing handled them).</summary>
    private static List<Type> Unchanged(IEnumerable<object> history)
    {
        var unchanged = new List<Type>();
        Account? state = null;
        foreach (var e in history)
        {
            var next = Account.Fold(state, e);
            if (ReferenceEquals(next, state))
            {
                unchanged.Add(e.GetType());
            }

            state = next;
        }

        return unchanged;
    }

    private string Json(Account? state) => Store.Options.Serializer().ToJson(state);
}

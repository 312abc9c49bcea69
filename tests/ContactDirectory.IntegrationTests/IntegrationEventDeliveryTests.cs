using System.Net;
using System.Net.Http.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Testing;
using Npgsql;

namespace NavusoftSync.ContactDirectory.IntegrationTests;

/// <summary>What a subscriber in another module recorded; every delivery adds a row.</summary>
public sealed record ReceivedContactEmail(string Id, string Tenant, string Kind, string AccountId, string ContactId, string Email, long Sequence);

/// <summary>Stands for another module's handler: it writes through the scope's session, as module handlers do.</summary>
internal sealed class RecordingSubscriber(IDocumentSession session)
    : IIntegrationEventHandler<ContactEmailAppeared>, IIntegrationEventHandler<ContactEmailDisappeared>
{
    public ValueTask Handle(ContactEmailAppeared e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        Record("appeared", e.AccountId, e.ContactId, e.Email, context);

    public ValueTask Handle(ContactEmailDisappeared e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        Record("disappeared", e.AccountId, e.ContactId, e.Email, context);

    private ValueTask Record(string kind, string accountId, string contactId, string email, IntegrationEventContext context)
    {
        session.Store(new ReceivedContactEmail(Guid.NewGuid().ToString(), context.TenantId, kind, accountId, contactId, email, context.Sequence));
        return ValueTask.CompletedTask;
    }
}

public sealed class IntegrationEventDeliveryTests : IAsyncLifetime
{
    private const string Tenant = "tenant-events";
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    private NavusoftApp Host(string daemonMode) => new(
        _connectionString,
        new Dictionary<string, string?> { ["Marten:DaemonMode"] = daemonMode },
        services => services.AddIntegrationEventHandlers(typeof(RecordingSubscriber).Assembly));

    [Fact]
    public async Task An_event_committed_before_a_restart_is_delivered_once_after_it_and_never_again()
    {
        // Host 1 commits but dies before any delivery (its daemon never runs).
        await using (var first = Host("Disabled"))
        {
            var admin = first.ClientFor(Tokens.Admin(Tenant));
            var put = await admin.PutAsJsonAsync("/api/accounts/acc-1", Http.Account("Acme", ("c1", "Bob", "Bob@Acme.com"), ("c2", "Ann", "ann@acme.com")));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.Empty(await ReceivedAsync(first));
        }

        // Host 2 starts and delivers what was committed: once per contact.
        await using (var second = Host("Solo"))
        {
            await WaitForDeliveryAsync(second);
            var received = await ReceivedAsync(second);
            Assert.Equal(
                [("appeared", "acc-1", "c1", "bob@acme.com"), ("appeared", "acc-1", "c2", "ann@acme.com")],
                received.Select(r => (r.Kind, r.AccountId, r.ContactId, r.Email)).OrderBy(r => r.ContactId).ToList());
            Assert.All(received, r => Assert.Equal(Tenant, r.Tenant));
        }

        // The process died after the handlers committed but before the checkpoint moved past them
        // (it still points at the registration): the redelivered contacts are recognised and skipped.
        await RewindPublisherAsync();
        await using (var third = Host("Solo"))
        {
            await WaitForDeliveryAsync(third);
            Assert.Equal(2, (await ReceivedAsync(third)).Count);

            // Later changes still flow: one changed email is one disappearance and one appearance.
            var admin = third.ClientFor(Tokens.Admin(Tenant));
            await admin.PutAsJsonAsync("/api/accounts/acc-1", Http.Account("Acme", ("c1", "Bob", "robert@acme.com"), ("c2", "Ann", "ann@acme.com")));
            await WaitForDeliveryAsync(third);
            var received = await ReceivedAsync(third);
            Assert.Equal(4, received.Count);
            Assert.Contains(received, r => r is { Kind: "disappeared", Email: "bob@acme.com" });
            Assert.Contains(received, r => r is { Kind: "appeared", Email: "robert@acme.com" });
        }
    }

    [Fact]
    public async Task Nothing_is_delivered_for_a_command_that_failed()
    {
        await using var host = Host("Solo");
        var admin = host.ClientFor(Tokens.Admin(Tenant));
        await admin.PutAsJsonAsync("/api/accounts/acc-ok", Http.Account("Fine", ("c1", "Ok", "ok@acme.com")));
        var rejected = await admin.PutAsJsonAsync("/api/accounts/acc-bad", Http.Account("Bad", ("c1", "X", "x@acme.com"), ("c1", "Y", "y@acme.com")));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        await WaitForDeliveryAsync(host);
        Assert.Equal("acc-ok", Assert.Single(await ReceivedAsync(host)).AccountId);
    }

    private static async Task<IReadOnlyList<ReceivedContactEmail>> ReceivedAsync(NavusoftApp app)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.Query<ReceivedContactEmail>().ToListAsync();
    }

    private static Task WaitForDeliveryAsync(NavusoftApp app) =>
        app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    private async Task RewindPublisherAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE events.mt_event_progression SET last_seq_id = 1 WHERE name = 'contact_directory_publisher:All' AND last_seq_id = 3", connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

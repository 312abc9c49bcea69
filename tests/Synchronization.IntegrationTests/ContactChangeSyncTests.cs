using System.Net;
using System.Net.Http.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Mediator;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.ContactDirectory.Contracts;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contacts;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// Contacts change in both directions after a mailbox was synced, and a
/// removed link releases what its mailbox held: all by events, against the sandbox with the real readers.
/// </summary>
public sealed class ContactChangeSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-contact-change";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_contact_added_later_is_looked_back_for_a_removed_one_unmatches_and_an_unlink_releases(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages =
            [
                new ScenarioMessage { Subject = "Pat and Lee: new route", From = mailbox, To = ["pat@customer.example", "lee@customer.example"], SentAt = now.AddDays(-5), Folder = "sentitems", Body = "Both" },
                new ScenarioMessage { Subject = "Only Pat: invoice", From = "pat@customer.example", To = [mailbox], SentAt = now.AddDays(-4), Body = "Pat only" },
                new ScenarioMessage { Subject = "Only Lee: gate code", From = "lee@customer.example", To = [mailbox], SentAt = now.AddDays(-3), Body = "Lee only" },
                new ScenarioMessage { Subject = "Lee long ago", From = "lee@customer.example", To = [mailbox], SentAt = now.AddDays(-40), Body = "Outside the window" },
            ],
            Events =
            [
                new ScenarioEvent { Subject = "Lee site visit", Start = now.AddDays(2), End = now.AddDays(2).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "lee@customer.example" }] },
            ],
        });
        await _world.SeedAsync(provider);
        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        var user = _world.App.ClientFor(Tokens.User(Tenant, "dana"));
        var linkId = await _world.LinkAsync(user, provider, mailbox);
        await WaitAsync();
        Assert.True((await RunAsync(linkId)).Ran);

        var threads = await ThreadsAsync();
        Assert.Equal(["Only Pat: invoice", "Pat and Lee: new route"], threads.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["pat@customer.example"], threads["Pat and Lee: new route"].Accounts["ACC-1"]);
        Assert.Empty(await QueryAsync<Appointment>());

        // Lee becomes a contact: the recorded thread Lee took part in widens at once, and the next run
        // looks back through the mail window and the calendar window for Lee.
        await PutContactsAsync(admin, ("c1", "pat@customer.example"), ("c2", "lee@customer.example"));
        threads = await ThreadsAsync();
        Assert.Equal(["lee@customer.example", "pat@customer.example"], threads["Pat and Lee: new route"].Accounts["ACC-1"]);
        Assert.Single(await QueryAsync<LookbackRequest>());

        Assert.True((await RunAsync(linkId)).Ran);
        threads = await ThreadsAsync();
        Assert.Equal(["Only Lee: gate code", "Only Pat: invoice", "Pat and Lee: new route"], threads.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["lee@customer.example"], threads["Only Lee: gate code"].Accounts["ACC-1"]);
        var visit = Assert.Single(await QueryAsync<Appointment>());
        Assert.Equal("Lee site visit", visit.Title);
        Assert.Empty(await QueryAsync<LookbackRequest>());

        var before = await CountRecordedEventsAsync();
        Assert.True((await RunAsync(linkId)).Ran);
        Assert.Equal(before, await CountRecordedEventsAsync());

        // Pat leaves the account: Pat's own thread leaves its calendar, the shared one keeps it through Lee.
        await PutContactsAsync(admin, ("c2", "lee@customer.example"));
        threads = await ThreadsAsync();
        Assert.False(threads["Only Pat: invoice"].Accounts.ContainsKey("ACC-1"));
        Assert.Equal(["lee@customer.example"], threads["Pat and Lee: new route"].Accounts["ACC-1"]);
        Assert.Contains(await StreamEventsAsync(threads["Only Pat: invoice"].Id), e => e is ThreadAccountUnmatched { AccountId: "ACC-1" });

        // Unlink: everything the mailbox held is released by event; the history and the account matches stay.
        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        await WaitAsync();
        threads = await ThreadsAsync();
        Assert.All(threads.Values, t => Assert.Empty(t.Holders));
        Assert.Equal(["lee@customer.example"], threads["Only Lee: gate code"].Accounts["ACC-1"]);
        visit = Assert.Single(await QueryAsync<Appointment>());
        Assert.Empty(visit.Holders);
        Assert.False(visit.IsCancelled);
        Assert.Empty(await QueryAsync<SyncCursors>());
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_contact_already_known_when_the_mailbox_was_first_read_is_not_looked_back_for(SandboxProvider sandboxProvider, string provider)
    {
        // A link established while a large import's contact events are still being delivered gets a
        // look-back request per imported address. Those whose contact event was committed before the
        // link's first full read need no search: that read matched them already.
        var mailbox = $"kai-{provider}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages = [new ScenarioMessage { Subject = "Kim: container swap", From = "kim@customer.example", To = [mailbox], SentAt = now.AddDays(-2), Body = "Swap" }],
            Events =
            [
                new ScenarioEvent { Subject = "Kim yard walk", Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "kim@customer.example" }] },
            ],
        });
        await _world.SeedAsync(provider);
        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        await PutContactsAsync(admin, ("c1", "pat@customer.example"), ("c3", "kim@customer.example"));
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "kai")), provider, mailbox);
        await WaitAsync();
        Assert.True((await RunAsync(linkId)).Ran);
        Assert.Contains("Kim: container swap", (await ThreadsAsync()).Keys);

        // Kim's contact event, delivered late (as during an import): the request names its sequence.
        long kimSequence;
        await using (var query = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant))
        {
            kimSequence = (await query.Events.QueryAllRawEvents().Where(e => e.StreamKey == "ACC-1").ToListAsync()).Max(e => e.Sequence);
        }

        // Delivered after the first run's full reads committed their cursors: the handler asks for nothing.
        Assert.Empty(await DeliverLateAsync(new ContactEmailAppeared("ACC-1", "c3", "kim@customer.example"), kimSequence));
        Assert.Single(await DeliverLateAsync(new ContactEmailAppeared("ACC-1", "c3", "kim@customer.example"), long.MaxValue));
        await using (var cleanup = _world.App.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant))
        {
            cleanup.DeleteWhere<LookbackRequest>(r => r.LinkId == linkId);
            await cleanup.SaveChangesAsync();
        }

        var covered = await RunWithLookbackAsync(linkId, mailbox, "kim@customer.example", kimSequence);
        Assert.Empty(covered.Searches);
        Assert.Equal(0, covered.Run.Calendar.Scanned); // the calendar resumed from its cursor, no full read
        Assert.Empty(await QueryAsync<LookbackRequest>());

        // A request whose contact event is not known to precede the read is looked back for, as before.
        var unknown = await RunWithLookbackAsync(linkId, mailbox, "kim@customer.example", appearedSequence: null);
        Assert.NotEmpty(unknown.Searches);
        Assert.Equal(1, unknown.Run.Calendar.Scanned);
        Assert.Empty(await QueryAsync<LookbackRequest>());
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task Contacts_added_together_are_looked_back_for_in_one_search(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"noa-{provider}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages =
            [
                new ScenarioMessage { Subject = "Lee: gate code", From = "lee@customer.example", To = [mailbox], SentAt = now.AddDays(-3), Body = "Lee" },
                new ScenarioMessage { Subject = "Max: extra bin", From = mailbox, To = ["max@customer.example"], SentAt = now.AddDays(-2), Body = "Max", Folder = "sentitems" },
            ],
        });
        await _world.SeedAsync(provider);
        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "noa")), provider, mailbox);
        await WaitAsync();
        Assert.True((await RunAsync(linkId)).Ran);
        Assert.Empty(await ThreadsAsync());

        await PutContactsAsync(admin, ("c1", "pat@customer.example"), ("c2", "lee@customer.example"), ("c4", "max@customer.example"));
        Assert.Equal(2, (await QueryAsync<LookbackRequest>()).Count);
        var searches = await RunNamingAsync(linkId, mailbox, "lee@customer.example", "max@customer.example");

        Assert.Equal(["Lee: gate code", "Max: extra bin"], (await ThreadsAsync()).Keys.Order(StringComparer.Ordinal));
        Assert.NotEmpty(searches);
        Assert.All(searches, q => Assert.True(
            q.Contains("lee@customer.example", StringComparison.OrdinalIgnoreCase) && q.Contains("max@customer.example", StringComparison.OrdinalIgnoreCase),
            $"A search for one address only: {q}"));
    }

    /// <summary>Hands the event to Synchronization's contact handler as the subscription would, at that sequence; answers the look-back requests then stored.</summary>
    private async Task<IReadOnlyList<LookbackRequest>> DeliverLateAsync(ContactEmailAppeared appeared, long sequence)
    {
        await using (var scope = _world.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(Tenant);
            var handler = scope.ServiceProvider.GetRequiredService<ContactEventHandlers>();
            await handler.Handle(appeared, new IntegrationEventContext(Guid.NewGuid(), Tenant, sequence, DateTimeOffset.UtcNow), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IDocumentSession>().SaveChangesAsync();
        }

        return await QueryAsync<LookbackRequest>();
    }

    /// <summary>Stores a look-back request as the contact handler does, runs the link, and answers its provider requests naming the address.</summary>
    private async Task<(SyncRunCompleted Run, IReadOnlyList<string> Searches)> RunWithLookbackAsync(string linkId, string mailbox, string address, long? appearedSequence)
    {
        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant))
        {
            session.Store(new LookbackRequest($"{linkId}|{address}", linkId, address, DateTimeOffset.UtcNow, appearedSequence));
            await session.SaveChangesAsync();
        }

        var searches = await RunNamingAsync(linkId, mailbox, address);
        await using var query = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var run = (await query.Events.FetchStreamAsync(SyncStream.KeyOf(linkId))).Select(e => e.Data).OfType<SyncRunCompleted>().Last();
        return (run, searches);
    }

    /// <summary>Runs the link; answers the queries of its provider requests that name any of the addresses (its searches).</summary>
    private async Task<IReadOnlyList<string>> RunNamingAsync(string linkId, string mailbox, params string[] addresses)
    {
        var before = await _world.Sandbox.Control.GetRequestsAsync(mailbox: mailbox) is [.., var last] ? last.Sequence : 0;
        Assert.True((await RunAsync(linkId)).Ran);
        return [.. (await _world.Sandbox.Control.GetRequestsAsync(mailbox: mailbox, afterSequence: before))
            .Select(r => Uri.UnescapeDataString(r.Query.Replace('+', ' ')))
            .Where(q => addresses.Any(a => q.Contains(a, StringComparison.OrdinalIgnoreCase)))];
    }

    private async Task PutContactsAsync(HttpClient admin, params (string Id, string Email)[] contacts)
    {
        var response = await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = contacts.Select(c => new { contactId = c.Id, name = c.Id, email = c.Email }) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitAsync();
    }

    private async Task<Dictionary<string, EmailThread>> ThreadsAsync() => (await QueryAsync<EmailThread>()).ToDictionary(t => t.Subject, StringComparer.Ordinal);

    private async Task<IReadOnlyList<T>> QueryAsync<T>()
        where T : notnull
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.Query<T>().ToListAsync();
    }

    private async Task<IReadOnlyList<object>> StreamEventsAsync(string streamKey)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return [.. (await session.Events.FetchStreamAsync(streamKey)).Select(e => e.Data)];
    }

    private async Task<int> CountRecordedEventsAsync()
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.Events.QueryAllRawEvents().CountAsync(e => e.StreamKey!.StartsWith("thread-") || e.StreamKey!.StartsWith("appt-"));
    }

    private Task<SyncRunResult> RunAsync(string linkId) => _world.RunAsync(linkId);

    private Task WaitAsync() => _world.WaitAsync();
}

using System.Net.Http.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contacts;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Privacy.Review;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>
/// A privacy rule changed later applies to what is stored: a domain blocked after its mail and meetings were recorded
/// takes them off (erased: pg_dump finds none of their subjects, bodies or sender address, while it finds the control
/// item's), and unblocking an address looks back for its items and records them again.
/// </summary>
public sealed class PolicyChangeTests : IAsyncLifetime
{
    private const string Tenant = "tenant-policy";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private IDocumentStore Store => _world.App.Services.GetRequiredService<IDocumentStore>();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_domain_blocked_later_erases_its_stored_mail_and_meetings(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var sender = $"{ErasureKit.Marker("ops")}@vendor.example";
        var (subject, body, title, description) = (ErasureKit.Marker("VendorSubject"), ErasureKit.Marker("VendorBody"), ErasureKit.Marker("VendorTitle"), ErasureKit.Marker("VendorNotes"));
        var (controlSubject, controlBody) = (ErasureKit.Marker("CustomerSubject"), ErasureKit.Marker("CustomerBody"));
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages =
            [
                new ScenarioMessage { Subject = subject, InternetMessageId = $"<{Guid.NewGuid():N}@mail.test>", From = sender, To = [mailbox], Cc = ["lee@vendor.example"], SentAt = now.AddDays(-2), Body = body },
                new ScenarioMessage { Subject = controlSubject, From = "pat@customer.example", To = [mailbox], SentAt = now.AddDays(-1), Body = controlBody },
            ],
            Events =
            [
                new ScenarioEvent { Subject = title, Body = description, Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "lee@vendor.example" }, new ScenarioAttendee { Address = sender }] },
            ],
        });
        await _world.SeedAsync(provider);
        await ErasureKit.SeedVendorAsync(_world);
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")), provider, mailbox);
        await _world.WaitAsync();
        Assert.True((await _world.RunAsync(linkId)).Ran);
        var (threadId, appointmentId) = await RecordedAsync(subject, title);

        await ErasureKit.SetPolicyAsync(_world, ErasureKit.Blocking("@vendor.example"), changedBy: "admin-ada");
        await _world.WaitAsync();

        await AssertErasedAsync<ThreadErased>(threadId, e => e is { ErasedBy: "admin-ada", Reason: FilterRules.Blocklist, Final: false });
        await AssertErasedAsync<AppointmentErased>(appointmentId, e => e is { ErasedBy: "admin-ada", Reason: FilterRules.Blocklist, Final: false });
        await using (var session = Store.QuerySession(Tenant))
        {
            Assert.Null(await session.LoadAsync<EmailThread>(threadId));
            Assert.Null(await session.LoadAsync<Appointment>(appointmentId));
            Assert.Equal(controlSubject, Assert.Single(await session.Query<EmailThread>().ToListAsync()).Subject);
            Assert.Empty(await session.Query<ParticipantEntry>().Where(p => p.StreamKey == threadId || p.StreamKey == appointmentId).ToListAsync());
        }

        // Delivered again (past the inbox: another delivery of the same change), the review appends nothing.
        var stored = await EventCountAsync();
        await _world.App.Services.GetRequiredService<IntegrationEventDispatcher>().DispatchAsync(
            new PrivacyRulesChanged(1, "admin-ada", null), new IntegrationEventContext(Guid.NewGuid(), Tenant, 0, DateTimeOffset.UtcNow), 0, CancellationToken.None);
        Assert.Equal(stored, await EventCountAsync());

        await _world.WaitAsync(); // the calendar views have folded the erasures the review appended
        var dump = await ErasureKit.PgDumpAsync(_world.ConnectionString);
        foreach (var erased in new[] { subject, body, title, description, sender })
        {
            Assert.DoesNotContain(erased, dump, StringComparison.Ordinal);
        }

        Assert.Contains(controlSubject, dump, StringComparison.Ordinal);
        Assert.Contains(controlBody, dump, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task An_address_unblocked_again_is_looked_back_for_and_its_items_recorded_again(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var (subject, title) = (ErasureKit.Marker("PatSubject"), ErasureKit.Marker("PatTitle"));
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages = [new ScenarioMessage { Subject = subject, From = "pat@customer.example", To = [mailbox], SentAt = now.AddDays(-2), Body = "Pickup on Friday?" }],
            Events = [new ScenarioEvent { Subject = title, Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] }],
        });
        await _world.SeedAsync(provider);
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")), provider, mailbox);
        await _world.WaitAsync();
        Assert.True((await _world.RunAsync(linkId)).Ran);
        var (threadId, appointmentId) = await RecordedAsync(subject, title);

        await ErasureKit.SetPolicyAsync(_world, ErasureKit.Blocking("pat@customer.example"));
        await _world.WaitAsync();
        await AssertErasedAsync<ThreadErased>(threadId, e => e.Reason == FilterRules.Blocklist);
        await AssertErasedAsync<AppointmentErased>(appointmentId, e => e.Reason == FilterRules.Blocklist);

        await ErasureKit.SetPolicyAsync(_world, PrivacyPolicy.Default);
        await _world.WaitAsync();
        await using (var session = Store.QuerySession(Tenant))
        {
            var request = Assert.Single(await session.Query<LookbackRequest>().ToListAsync());
            Assert.Equal((linkId, "pat@customer.example"), (request.LinkId, request.Address));
        }

        Assert.True((await SyncWorld.RunAsync(_world.App, Tenant, linkId, SyncTrigger.Lookback)).Ran);
        await using (var session = Store.QuerySession(Tenant))
        {
            Assert.Equal(subject, (await session.LoadAsync<EmailThread>(threadId))?.Subject);
            Assert.Equal(title, (await session.LoadAsync<Appointment>(appointmentId))?.Title);
            Assert.Empty(await session.Query<LookbackRequest>().ToListAsync());
        }
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_users_own_blocklist_releases_their_holds_and_erases_what_only_they_held(SandboxProvider sandboxProvider, string provider)
    {
        var (subject, title) = (ErasureKit.Marker("SharedSubject"), ErasureKit.Marker("OwnTitle"));
        var now = DateTimeOffset.UtcNow;
        ScenarioMessage Shared(string to) => new()
        {
            Subject = subject, InternetMessageId = $"<{subject}@customer.example>", From = "pat@customer.example", To = [to], SentAt = now.AddDays(-2).AddTicks(-(now.AddDays(-2).Ticks % TimeSpan.TicksPerSecond)), Body = "Route change",
        };
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = "dana@hauler.example",
            Provider = sandboxProvider,
            Messages = [Shared("dana@hauler.example")],
            Events = [new ScenarioEvent { Subject = title, Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = "dana@hauler.example", Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] }],
        });
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "sam@hauler.example", Provider = sandboxProvider, Messages = [Shared("sam@hauler.example")] });
        await _world.SeedAsync(provider);
        var dana = _world.App.ClientFor(Tokens.User(Tenant, "dana"));
        var danaLink = await _world.LinkAsync(dana, provider, "dana@hauler.example");
        var samLink = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "sam")), provider, "sam@hauler.example");
        await _world.WaitAsync();
        Assert.True((await _world.RunAsync(danaLink)).Ran);
        Assert.True((await _world.RunAsync(samLink)).Ran);
        var (threadId, appointmentId) = await RecordedAsync(subject, title);

        var own = await dana.PutAsJsonAsync("/api/me/privacy", new { blocklist = new[] { "pat@customer.example" }, reason = "my family" });
        Assert.Equal(System.Net.HttpStatusCode.OK, own.StatusCode);
        await _world.WaitAsync();

        await AssertErasedAsync<AppointmentErased>(appointmentId, e => e is { ErasedBy: "dana", Reason: FilterRules.Blocklist, Final: false });
        await using var session = Store.QuerySession(Tenant);
        var thread = await session.LoadAsync<EmailThread>(threadId);
        Assert.Equal(["sam"], thread!.Holders.Select(h => h.UserId).Distinct());
        Assert.Equal(subject, thread.Subject);
        Assert.Contains((await session.Events.FetchStreamAsync(threadId)).Select(e => e.Data), e => e is ThreadMessageReleased { UserId: "dana" });
    }

    private async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(_world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events.mt_events WHERE tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("tenant", Tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(string Thread, string Appointment)> RecordedAsync(string subject, string title)
    {
        await using var session = Store.QuerySession(Tenant);
        var thread = Assert.Single(await session.Query<EmailThread>().Where(t => t.Subject == subject).ToListAsync());
        var appointment = Assert.Single(await session.Query<Appointment>().Where(a => a.Title == title).ToListAsync());
        return (thread.Id, appointment.Id);
    }

    private async Task AssertErasedAsync<TErased>(string streamKey, Func<TErased, bool> expected)
    {
        await using var session = Store.QuerySession(Tenant);
        IReadOnlyList<IEvent> events = await session.Events.FetchStreamAsync(streamKey);
        Assert.True(events[^1].Data is TErased erased && expected(erased), $"{streamKey} ends with {events[^1].EventTypeName}");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// Link a sandbox mailbox through the real OAuth flow, run its sync with the real readers, and
/// find exactly the contact's email and meeting recorded — nothing of the stranger's.
/// </summary>
public sealed class EndToEndSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-e2e";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_linked_mailbox_syncs_only_what_involves_a_contact_and_a_second_run_adds_nothing(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages =
            [
                new ScenarioMessage { Subject = "Roll-off container swap", From = mailbox, To = ["Pat Customer <Pat@Customer.example>"], SentAt = now.AddDays(-2), Body = "Can we swap the 20-yard tomorrow?", Folder = "sentitems" },
                new ScenarioMessage { Subject = "Private lunch plans", From = "stranger@elsewhere.example", To = [mailbox], SentAt = now.AddDays(-1), Body = "Secret stranger body" },
            ],
            Events =
            [
                new ScenarioEvent { Subject = "Yard walk-through", Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example", Name = "Pat" }] },
                new ScenarioEvent { Subject = "Dentist appointment", Start = now.AddDays(4), End = now.AddDays(4).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "dentist@elsewhere.example" }] },
            ],
        });

        await _world.SeedAsync(provider);
        var user = _world.App.ClientFor(Tokens.User(Tenant, $"user-{provider}"));
        var linkId = await _world.LinkAsync(user, provider, mailbox);
        await WaitAsync();

        var first = await RunAsync(linkId);
        Assert.True(first.Ran, first.Reason);

        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant))
        {
            var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync());
            Assert.Equal("Roll-off container swap", thread.Subject);
            Assert.Equal(["pat@customer.example"], thread.Accounts["ACC-1"]);
            var recorded = (await session.Events.FetchStreamAsync(thread.Id)).Select(e => e.Data).OfType<ThreadMessageRecorded>().OrderBy(m => m.SentAt).ToList();
            Assert.Contains("swap the 20-yard", recorded[0].BodyText, StringComparison.Ordinal);
            var appointment = Assert.Single(await session.Query<Appointment>().ToListAsync());
            Assert.Equal("Yard walk-through", appointment.Title);
        }

        var dump = await DatabaseText.DumpAsync(_world.ConnectionString);
        foreach (var secret in new[] { "Private lunch plans", "Secret stranger body", "stranger@elsewhere.example", "Dentist appointment", "dentist@elsewhere.example" })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
        }

        var eventsBefore = await DatabaseText.CountRecordedEventsAsync(_world.ConnectionString);
        var second = await RunAsync(linkId);
        Assert.True(second.Ran, second.Reason);
        Assert.Equal(eventsBefore, await DatabaseText.CountRecordedEventsAsync(_world.ConnectionString));

        var full = await RunFullRoundAsync(linkId); // an expired cursor re-reads everything: counted once all the same
        Assert.True(full.Ran, full.Reason);
        await WaitAsync();
        var link = (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
        Assert.Equal("Active", link.GetProperty("status").GetString());
        Assert.Equal(1, link.GetProperty("emailsSynced").GetInt64());
        Assert.Equal(1, link.GetProperty("appointmentsSynced").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, link.GetProperty("lastSyncAt").ValueKind);
    }

    [Fact]
    public async Task A_reply_in_another_users_Graph_mailbox_joins_the_thread_through_its_In_Reply_To_header()
    {
        // Graph lists no References/In-Reply-To and conversationIds are per mailbox: only the headers read
        // with the body can tell that Sam's reply answers Dana's message.
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = "dana@hauler.example",
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = "Gate code", InternetMessageId = "<m1@hauler.example>", From = "dana@hauler.example", To = ["pat@customer.example"], SentAt = now.AddDays(-2), Folder = "sentitems", Body = "What is the gate code?" }],
        });
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = "sam@hauler.example",
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = "RE: Gate code", InternetMessageId = "<m2@customer.example>", InReplyTo = "<m1@hauler.example>", From = "pat@customer.example", To = ["dana@hauler.example"], Cc = ["sam@hauler.example"], SentAt = now.AddDays(-1), Body = "It is 4521." }],
        });
        await _world.SeedAsync("microsoft");
        var dana = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")), "microsoft", "dana@hauler.example");
        var sam = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "sam")), "microsoft", "sam@hauler.example");
        await WaitAsync();

        Assert.True((await RunAsync(dana)).Ran);
        Assert.True((await RunAsync(sam)).Ran);

        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync());
        var recorded = (await session.Events.FetchStreamAsync(thread.Id)).Select(e => e.Data).OfType<ThreadMessageRecorded>();
        Assert.Equal(["Gate code", "RE: Gate code"], recorded.OrderBy(m => m.SentAt).Select(m => m.Subject));
        Assert.Equal(2, thread.Messages.Count);
        Assert.Equal(["dana", "sam"], thread.Holders.Select(h => h.UserId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_weekly_meeting_in_a_Microsoft_and_a_Google_calendar_is_one_appointment_per_occurrence_held_by_both()
    {
        // Graph gives every occurrence its own iCalUId and Google shares the series' iCalUID among them: both readers key
        // an occurrence by the series UID and its original start, so each week is one appointment.
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(2).AddHours(15), TimeSpan.Zero);
        ScenarioEvent Weekly(string organizer) => new()
        {
            ICalUId = "weekly-route-review@hauler.example",
            Subject = "Route review",
            Start = start,
            End = start.AddHours(1),
            Organizer = organizer,
            Attendees = [new ScenarioAttendee { Address = "pat@customer.example", Name = "Pat" }, new ScenarioAttendee { Address = "rae@hauler.example" }],
            Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Weekly, Count = 3 },
        };
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "dana@hauler.example", Provider = SandboxProvider.Microsoft, Events = [Weekly("dana@hauler.example")] });
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "rae@hauler.example", Provider = SandboxProvider.Google, Events = [Weekly("dana@hauler.example")] });
        await _world.SeedAsync("microsoft");
        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-43" })).StatusCode);
        var dana = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")), "microsoft", "dana@hauler.example");
        var rae = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "rae")), "google", "rae@hauler.example");
        await WaitAsync();

        Assert.True((await RunAsync(dana)).Ran);
        Assert.True((await RunAsync(rae)).Ran);

        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var appointments = (await session.Query<Appointment>().ToListAsync()).OrderBy(a => a.Start.Instant).ToList();
        Assert.Equal(3, appointments.Count);
        Assert.Equal([start, start.AddDays(7), start.AddDays(14)], appointments.Select(a => a.Start.Instant!.Value));
        Assert.All(appointments, a => Assert.Equal([dana, rae], a.Holders.Select(h => h.LinkId).Order(StringComparer.Ordinal)));
    }

    private Task<SyncRunResult> RunAsync(string linkId) => _world.RunAsync(linkId);

    /// <summary>Forgets the link's cursors (as after a cursor expiry) and runs again: a full round.</summary>
    private async Task<SyncRunResult> RunFullRoundAsync(string linkId)
    {
        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant))
        {
            session.Delete<SyncCursors>(linkId);
            await session.SaveChangesAsync();
        }

        return await RunAsync(linkId);
    }

    private Task WaitAsync() => _world.WaitAsync();
}

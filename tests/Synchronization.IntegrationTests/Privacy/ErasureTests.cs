using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Privacy.Erasure;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>
/// An admin erases one email thread and one appointment (<c>DELETE /api/admin/emails/{id}</c>, <c>…/appointments/{id}</c>):
/// only an admin, with a reason; the content leaves the event store (pg_dump finds none of it while it finds the control
/// item's), the stream shows who erased it and why, and a full re-sync of the same mailbox records nothing of it again.
/// </summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private const string Tenant = "tenant-erasure";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task An_admin_erases_an_items_content_for_good_and_a_resync_records_none_of_it(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var (subject, body, title, description) = (ErasureKit.Marker("ErasedSubject"), ErasureKit.Marker("ErasedBody"), ErasureKit.Marker("ErasedTitle"), ErasureKit.Marker("ErasedNotes"));
        var (controlSubject, controlBody) = (ErasureKit.Marker("KeptSubject"), ErasureKit.Marker("KeptBody"));
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages =
            [
                new ScenarioMessage { Subject = subject, From = mailbox, To = ["pat@customer.example"], SentAt = now.AddDays(-2), Body = body, Folder = "sentitems" },
                new ScenarioMessage { Subject = controlSubject, From = "pat@customer.example", To = [mailbox], SentAt = now.AddDays(-1), Body = controlBody },
            ],
            Events = [new ScenarioEvent { Subject = title, Body = description, Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] }],
        });
        await _world.SeedAsync(provider);
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")), provider, mailbox);
        await _world.WaitAsync();
        Assert.True((await _world.RunAsync(linkId)).Ran);
        var (threadId, appointmentId) = await RecordedAsync(subject, title);

        var admin = _world.App.ClientFor(Tokens.Admin(Tenant, "admin-ada"));
        await RefusedAsync(admin, $"/api/admin/emails/{threadId}");
        Assert.Equal(HttpStatusCode.NotFound, (await EraseAsync(admin, "/api/admin/emails/thread-unknown", "asked")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EraseAsync(_world.App.ClientFor(Tokens.Admin("tenant-other")), $"/api/admin/emails/{threadId}", "asked")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(admin, $"/api/admin/emails/{threadId}", "The customer asked for it")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(admin, $"/api/admin/appointments/{appointmentId}", "The customer asked for it")).StatusCode);
        var versions = await VersionsAsync(threadId, appointmentId);
        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(admin, $"/api/admin/emails/{threadId}", "again")).StatusCode);
        Assert.Equal(versions, await VersionsAsync(threadId, appointmentId));

        await AssertAuditedAsync(admin, $"/api/audit/streams/{threadId}/events", "synchronization.thread_erased", "synchronization.thread_message_recorded");
        await AssertAuditedAsync(admin, $"/api/audit/streams/{appointmentId}/events", "synchronization.appointment_erased", "synchronization.appointment_scheduled");
        await AssertTombstonesAsync(threadId, appointmentId);

        await RunFullRoundAsync(linkId);
        Assert.Equal(versions, await VersionsAsync(threadId, appointmentId));
        await _world.WaitAsync();

        var dump = await ErasureKit.PgDumpAsync(_world.ConnectionString);
        foreach (var erased in new[] { subject, body, title, description })
        {
            Assert.DoesNotContain(erased, dump, StringComparison.Ordinal);
        }

        Assert.Contains(controlSubject, dump, StringComparison.Ordinal);
        Assert.Contains(controlBody, dump, StringComparison.Ordinal);
    }

    private async Task RefusedAsync(HttpClient admin, string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await EraseAsync(_world.App.CreateClient(), path, "asked")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await EraseAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")), path, "asked")).StatusCode);
        foreach (var reason in new[] { null, "  ", new string('x', ErasureReasons.MaxLength + 1) })
        {
            var refused = await EraseAsync(admin, path, reason);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        }

        using var noBody = new HttpRequestMessage(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(noBody)).StatusCode);
        using var broken = new HttpRequestMessage(HttpMethod.Delete, path) { Content = new StringContent("{\"reason\":", System.Text.Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(broken)).StatusCode);
    }

    private static Task<HttpResponseMessage> EraseAsync(HttpClient client, string path, string? reason) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(new { reason }) });

    private async Task<(string Thread, string Appointment)> RecordedAsync(string subject, string title)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var thread = Assert.Single(await session.Query<EmailThread>().Where(t => t.Subject == subject).ToListAsync());
        var appointment = Assert.Single(await session.Query<Appointment>().Where(a => a.Title == title).ToListAsync());
        Assert.NotEmpty(await session.Query<ParticipantEntry>().Where(p => p.StreamKey == thread.Id).ToListAsync());
        return (thread.Id, appointment.Id);
    }

    private async Task<(long, long)> VersionsAsync(string threadId, string appointmentId)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return ((await session.Events.FetchStreamStateAsync(threadId))!.Version, (await session.Events.FetchStreamStateAsync(appointmentId))!.Version);
    }

    /// <summary>The stream ends with the erasure (who, why, final), and its masked events carry who erased them and why.</summary>
    private static async Task AssertAuditedAsync(HttpClient admin, string path, string erasedType, string maskedType)
    {
        var events = (await admin.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().ToList();
        var erased = Assert.Single(events, e => e.GetProperty("type").GetString() == erasedType);
        Assert.Equal(events[^1].GetProperty("id").GetString(), erased.GetProperty("id").GetString());
        Assert.Equal("admin-ada", erased.GetProperty("data").GetProperty("erasedBy").GetString());
        Assert.Equal("The customer asked for it", erased.GetProperty("data").GetProperty("reason").GetString());
        Assert.True(erased.GetProperty("data").GetProperty("final").GetBoolean());
        var masked = events.First(e => e.GetProperty("type").GetString() == maskedType);
        Assert.Equal("admin-ada", masked.GetProperty("headers").GetProperty(ItemErasure.ErasedByHeader).GetString());
        Assert.Equal("The customer asked for it", masked.GetProperty("headers").GetProperty(ItemErasure.ReasonHeader).GetString());
    }

    private async Task AssertTombstonesAsync(string threadId, string appointmentId)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var thread = await session.LoadAsync<EmailThread>(threadId);
        Assert.True(thread is { Erased: true, Subject: "", Messages.Count: 0, Holders.Count: 0, Accounts.Count: 0 });
        var appointment = await session.LoadAsync<Appointment>(appointmentId);
        Assert.True(appointment is { Erased: true, Title: "", Description: null, Location: null, Organizer: null, Attendees.Count: 0 });
        Assert.Empty(await session.Query<ParticipantEntry>().Where(p => p.StreamKey == threadId || p.StreamKey == appointmentId).ToListAsync());
        var recorded = (await session.Events.FetchStreamAsync(threadId)).Select(e => e.Data).OfType<ThreadMessageRecorded>().ToList();
        Assert.All(recorded, r => Assert.True(r is { Subject: "", From: null, To.Count: 0, Snippet: null, BodyText: null }));
        Assert.NotEmpty(recorded);
    }

    /// <summary>Forgets the link's cursors (as after a cursor expiry) and runs again: the whole mailbox and calendar read.</summary>
    private async Task RunFullRoundAsync(string linkId)
    {
        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant))
        {
            session.Delete<SyncCursors>(linkId);
            await session.SaveChangesAsync();
        }

        Assert.True((await _world.RunAsync(linkId)).Ran);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>
/// <c>PUT /api/emails/{threadId}/private</c> and <c>PUT /api/appointments/{appointmentId}/private</c>: the user whose
/// mailbox holds the item marks it (the event appended once, the last mark counting); a colleague who does not hold it,
/// another tenant and a made-up id get the same 404.
/// </summary>
public sealed class PrivateMarkingTests : IAsyncLifetime
{
    private const string Tenant = "tenant-private";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task Only_a_holder_marks_an_item_private_and_anyone_else_finds_nothing(SandboxProvider sandboxProvider, string provider)
    {
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = "dana@hauler.example",
            Provider = sandboxProvider,
            Messages = [new ScenarioMessage { Subject = "Salary talk", From = "pat@customer.example", To = ["dana@hauler.example"], SentAt = now.AddDays(-1), Body = "Between us." }],
            Events = [new ScenarioEvent { Subject = "Doctor", Start = now.AddDays(2), End = now.AddDays(2).AddHours(1), Organizer = "dana@hauler.example", Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] }],
        });
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "sam@hauler.example", Provider = sandboxProvider });
        await _world.SeedAsync(provider);
        var dana = _world.App.ClientFor(Tokens.User(Tenant, "dana"));
        var sam = _world.App.ClientFor(Tokens.User(Tenant, "sam"));
        var danaLink = await _world.LinkAsync(dana, provider, "dana@hauler.example");
        var samLink = await _world.LinkAsync(sam, provider, "sam@hauler.example");
        await _world.WaitAsync();
        Assert.True((await _world.RunAsync(danaLink)).Ran);
        Assert.True((await _world.RunAsync(samLink)).Ran);
        var (threadId, appointmentId) = await RecordedAsync();

        foreach (var path in new[] { $"/api/emails/{threadId}/private", $"/api/appointments/{appointmentId}/private" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _world.App.CreateClient().PutAsJsonAsync(path, new { @private = true })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await sam.PutAsJsonAsync(path, new { @private = true })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await _world.App.ClientFor(Tokens.User("tenant-other", "dana")).PutAsJsonAsync(path, new { @private = true })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await dana.PutAsJsonAsync(path, new { })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await dana.PutAsJsonAsync(path, new { @private = "yes" })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await dana.PutAsync(path, new StringContent("{\"private\":", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
            await MarkAsync(dana, path, true);
            await MarkAsync(dana, path, true);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await dana.PutAsJsonAsync("/api/emails/thread-made-up/private", new { @private = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dana.PutAsJsonAsync("/api/appointments/appt-made-up/private", new { @private = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dana.PutAsJsonAsync($"/api/emails/{new string('t', 300)}/private", new { @private = true })).StatusCode);
        await MarkAsync(dana, $"/api/emails/{threadId}/private", false);

        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(_world.Tenant);
        var threadMarks = (await session.Events.FetchStreamAsync(threadId)).Select(e => e.Data).OfType<ThreadMarkedPrivate>().ToList();
        Assert.Equal([("dana", true), ("dana", false)], threadMarks.Select(m => (m.UserId, m.Private)));
        var appointmentMark = Assert.Single((await session.Events.FetchStreamAsync(appointmentId)).Select(e => e.Data).OfType<AppointmentMarkedPrivate>());
        Assert.Equal(("dana", true), (appointmentMark.UserId, appointmentMark.Private));
        Assert.False((await session.LoadAsync<EmailThread>(threadId))!.IsMarkedPrivateBy("dana"));
        Assert.True((await session.LoadAsync<Appointment>(appointmentId))!.IsMarkedPrivateBy("dana"));
    }

    private static async Task MarkAsync(HttpClient user, string path, bool marked)
    {
        var answer = await user.PutAsJsonAsync(path, new { @private = marked });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(marked, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("private").GetBoolean());
    }

    private async Task<(string Thread, string Appointment)> RecordedAsync()
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync());
        var appointment = Assert.Single(await session.Query<Appointment>().ToListAsync());
        Assert.Equal(["dana"], thread.Holders.Select(h => h.UserId).Distinct());
        return (thread.Id, appointment.Id);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// An outsider knows a real meeting's UID and a real message's Message-ID and puts forged copies in another user's
/// mailbox. Dana (Microsoft) organizes the meeting with Pat and holds Pat's real message; Sam's Google mailbox holds the
/// forged invite (another time and place, cancelled, "organized" by Dana) and a forged message with Pat's Message-ID.
/// Sam's mailbox is read first, before and after Dana's: what Dana and the account calendar see stays genuine, and the
/// genuine message is recorded beside the forged one.
/// </summary>
public sealed class ForgedCopiesSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-forged";
    private const string Dana = "dana@hauler.example";
    private const string Sam = "sam@hauler.example";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Forged_copies_in_another_users_mailbox_do_not_change_what_the_victim_and_the_account_see()
    {
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(3).AddHours(15), TimeSpan.Zero);
        var sent = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-1).AddHours(9), TimeSpan.Zero);
        ScenarioAttendee[] attendees = [new() { Address = "pat@customer.example", Name = "Pat" }, new() { Address = Sam }];
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Dana,
            Provider = SandboxProvider.Microsoft,
            Events = [new ScenarioEvent { ICalUId = "yard-walk@hauler.example", Subject = "Yard walk", Location = "Yard 3", Start = start, End = start.AddHours(1), Organizer = Dana, Attendees = attendees }],
            Messages = [new ScenarioMessage { InternetMessageId = "<gate@customer.example>", Subject = "Gate code", From = "pat@customer.example", To = [Dana], SentAt = sent, Body = "The gate code is 4521." }],
        });
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Sam,
            Provider = SandboxProvider.Google,
            Events =
            [
                new ScenarioEvent
                {
                    ICalUId = "yard-walk@hauler.example", Subject = "Yard walk MOVED", Location = "Far away lot", Start = start.AddDays(2), End = start.AddDays(2).AddHours(1),
                    Organizer = Dana, Attendees = attendees, IsCancelled = true,
                },
            ],
            Messages = [new ScenarioMessage { InternetMessageId = "<gate@customer.example>", Subject = "Gate code", From = "pat@customer.example", To = [Sam], SentAt = sent, Body = "New bank details: wire the deposit to 0000." }],
        });
        await _world.SeedAsync("microsoft");
        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-44" })).StatusCode);
        var dana = _world.App.ClientFor(Tokens.User(Tenant, "dana"));
        var sam = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "sam")), "google", Sam);
        var danaLink = await _world.LinkAsync(dana, "microsoft", Dana);
        await _world.WaitAsync();

        Assert.True((await _world.RunAsync(sam)).Ran); // the forged copies are read first
        Assert.True((await _world.RunAsync(danaLink)).Ran);
        Assert.True((await _world.RunAsync(sam)).Ran); // and again after the genuine ones
        await _world.WaitAsync();

        string appointmentId, threadId;
        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant))
        {
            appointmentId = Assert.Single(await session.Query<Appointment>().ToListAsync()).Id;
            threadId = Assert.Single(await session.Query<EmailThread>().ToListAsync()).Id;
        }

        var appointment = await dana.GetFromJsonAsync<JsonElement>($"/api/appointments/{appointmentId}");
        Assert.Equal("Yard walk", appointment.GetProperty("title").GetString());
        Assert.Equal("Yard 3", appointment.GetProperty("location").GetString());
        Assert.Equal("Scheduled", appointment.GetProperty("status").GetString());
        Assert.Equal(start, DateTimeOffset.Parse(appointment.GetProperty("start").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(Dana, appointment.GetProperty("organizer").GetProperty("email").GetString());

        var day = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var account = await dana.GetFromJsonAsync<JsonElement>($"/api/accounts/ACC-1/calendar?from={day}&to={start.AddDays(3):yyyy-MM-dd}&tz=UTC");
        var shown = account.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray().Select(i => (Date: d.GetProperty("date").GetString(), Item: i)))
            .Single(x => x.Item.GetProperty("kind").GetString() == "appointment");
        Assert.Equal(day, shown.Date);
        Assert.Equal("Yard walk", shown.Item.GetProperty("title").GetString());

        var thread = await dana.GetFromJsonAsync<JsonElement>($"/api/emails/{threadId}");
        var bodies = thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("bodyText").GetString()).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Contains("The gate code is 4521.", bodies);
    }
}

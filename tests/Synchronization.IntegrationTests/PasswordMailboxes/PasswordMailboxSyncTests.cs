using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MailKit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.PasswordMailboxes;

/// <summary>
/// A password mailbox end to end against the real Dovecot and Radicale: linked through <c>POST /api/me/links</c>, synced by
/// the ordinary run with the IMAP and CalDAV readers, one message and one meeting shared with a Gmail copy, a message expunged
/// on the server, an exception added to a weekly meeting, and an app password revoked.
/// </summary>
public sealed class PasswordMailboxSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-imap";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private SyncWorld _world = null!;
    private TestMailbox _mailbox = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        _world = await SyncWorld.StartAsync(Tenant, MailServers.Configuration());
        _mailbox = await TestMailbox.CreateAsync(Ct);
        await _world.SeedAsync("imap");
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_password_mailbox_syncs_only_what_involves_a_contact_and_a_second_run_adds_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        await _mailbox.AppendAsync("Sent", Message("<swap-1@mail.test>", _mailbox.Address, "pat@customer.example", "Roll-off container swap", "Can we swap the 20-yard tomorrow?", now.AddDays(-2)), Ct);
        await _mailbox.AppendAsync("INBOX", Message("<lunch@elsewhere.example>", "stranger@elsewhere.example", _mailbox.Address, "Private lunch plans", "Secret stranger body", now.AddDays(-1)), Ct);
        var calendar = await _mailbox.CreateCalendarAsync("work", Ct);
        await _mailbox.PutEventAsync(calendar, "walk.ics", Event("yard-walk@mail.test", "Yard walk-through", now.AddDays(3), _mailbox.Address, "pat@customer.example"), Ct);
        await _mailbox.PutEventAsync(calendar, "dentist.ics", Event("dentist@mail.test", "Dentist appointment", now.AddDays(4), _mailbox.Address, "dentist@elsewhere.example"), Ct);
        var user = _world.App.ClientFor(Tokens.User(Tenant, "dana"));
        var linkId = await LinkAsync(user);

        var first = await _world.RunAsync(linkId);
        Assert.True(first.Ran, first.Reason);

        await using (var session = Query())
        {
            var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync(Ct));
            Assert.Equal("Roll-off container swap", thread.Subject);
            Assert.Equal(["pat@customer.example"], thread.Accounts["ACC-1"]);
            Assert.Equal("Yard walk-through", Assert.Single(await session.Query<Appointment>().ToListAsync(Ct)).Title);
        }

        var dump = await DatabaseText.DumpAsync(_world.ConnectionString, Ct);
        foreach (var secret in new[] { "Private lunch plans", "Secret stranger body", "stranger@elsewhere.example", "Dentist appointment", "dentist@elsewhere.example", _mailbox.Password })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
        }

        var before = await DatabaseText.CountRecordedEventsAsync(_world.ConnectionString, Ct);
        var second = await _world.RunAsync(linkId);
        Assert.True(second.Ran, second.Reason);
        Assert.Equal(before, await DatabaseText.CountRecordedEventsAsync(_world.ConnectionString, Ct));
        await _world.WaitAsync();
        var link = await LinkOfAsync(user, linkId);
        Assert.Equal("imap", link.GetProperty("provider").GetString());
        Assert.Equal("Active", link.GetProperty("status").GetString());
        Assert.Equal(1, link.GetProperty("emailsSynced").GetInt64());
        Assert.Equal(1, link.GetProperty("appointmentsSynced").GetInt64());
    }

    [Fact]
    public async Task The_same_message_and_meeting_in_a_Gmail_and_a_password_mailbox_are_one_message_and_one_appointment_held_by_both()
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(5).AddHours(14), TimeSpan.Zero);
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = "sam@hauler.example",
            Provider = SandboxProvider.Google,
            Messages = [new ScenarioMessage { Subject = "Gate code", InternetMessageId = "<gate-1@customer.example>", From = "pat@customer.example", To = [_mailbox.Address, "sam@hauler.example"], SentAt = now.AddDays(-1), Body = "It is 4521." }],
            Events = [new ScenarioEvent { ICalUId = "site-visit@customer.example", Subject = "Site visit", Start = start, End = start.AddHours(1), Organizer = "pat@customer.example", Attendees = [new ScenarioAttendee { Address = _mailbox.Address }, new ScenarioAttendee { Address = "sam@hauler.example" }] }],
        });
        await _mailbox.AppendAsync("INBOX", Message("<gate-1@customer.example>", "pat@customer.example", _mailbox.Address, "Gate code", "It is 4521.", now.AddDays(-1)), Ct);
        var calendar = await _mailbox.CreateCalendarAsync("work", Ct);
        await _mailbox.PutEventAsync(calendar, "visit.ics", Event("site-visit@customer.example", "Site visit", start, "pat@customer.example", _mailbox.Address), Ct);
        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-43" }, Ct)).StatusCode);
        var dana = await LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")));
        var sam = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "sam")), "google", "sam@hauler.example");
        await _world.WaitAsync();

        Assert.True((await _world.RunAsync(dana)).Ran);
        Assert.True((await _world.RunAsync(sam)).Ran);

        await using var session = Query();
        var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync(Ct));
        Assert.Single(thread.Messages);
        Assert.Equal(["dana", "sam"], thread.Holders.Select(h => h.UserId).Order(StringComparer.Ordinal));
        var appointment = Assert.Single(await session.Query<Appointment>().ToListAsync(Ct));
        Assert.Equal(start, appointment.Start.Instant);
        Assert.Equal(new[] { dana, sam }.Order(StringComparer.Ordinal), appointment.Holders.Select(h => h.LinkId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_message_expunged_on_the_server_and_an_occurrence_excluded_from_a_weekly_meeting_leave_the_calendar()
    {
        var now = DateTimeOffset.UtcNow;
        var uid = await _mailbox.AppendAsync("INBOX", Message("<pickup@customer.example>", "pat@customer.example", _mailbox.Address, "Pickup moved", "Thursday instead.", now.AddDays(-1)), Ct);
        var calendar = await _mailbox.CreateCalendarAsync("work", Ct);
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(2).AddHours(15), TimeSpan.Zero);
        await _mailbox.PutEventAsync(calendar, "review.ics", Event("route-review@mail.test", "Route review", start, _mailbox.Address, "pat@customer.example", "FREQ=WEEKLY;COUNT=3"), Ct);
        var linkId = await LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")));
        Assert.True((await _world.RunAsync(linkId)).Ran);
        Assert.Equal(3, await HeldAppointmentsAsync(linkId));

        using (var client = await _mailbox.ConnectAsync(Ct))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite, Ct);
            await client.Inbox.AddFlagsAsync(uid, MessageFlags.Deleted, silent: true, Ct);
            await client.Inbox.ExpungeAsync(Ct);
            await client.DisconnectAsync(true, Ct);
        }

        await _mailbox.PutEventAsync(calendar, "review.ics", Event("route-review@mail.test", "Route review", start, _mailbox.Address, "pat@customer.example", "FREQ=WEEKLY;COUNT=3", exdate: start.AddDays(7)), Ct);
        Assert.True((await _world.RunAsync(linkId)).Ran);

        await using var session = Query();
        Assert.Empty(Assert.Single(await session.Query<EmailThread>().ToListAsync(Ct)).Holders);
        Assert.Equal(2, await HeldAppointmentsAsync(linkId));
    }

    [Fact]
    public async Task A_revoked_app_password_asks_the_user_for_a_new_one_and_linking_again_with_it_resumes_the_sync()
    {
        var user = _world.App.ClientFor(Tokens.User(Tenant, "dana"));
        var linkId = await LinkAsync(user);
        Assert.True((await _world.RunAsync(linkId)).Ran);

        await _mailbox.SetPasswordAsync(TestMailbox.NewPassword(), Ct);
        await _world.RunAsync(linkId);
        await _world.WaitAsync();

        var link = await LinkOfAsync(user, linkId);
        Assert.Equal("ReauthRequired", link.GetProperty("status").GetString());
        Assert.Contains("app password", link.GetProperty("lastSyncError").GetString(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(linkId, await LinkAsync(user));
        Assert.True((await _world.RunAsync(linkId)).Ran);
        await _world.WaitAsync();
        Assert.Equal("Active", (await LinkOfAsync(user, linkId)).GetProperty("status").GetString());
    }

    /// <summary>Links the test mailbox (IMAP over TLS and its CalDAV root, discovered) as the reference UI does; answers the link id.</summary>
    private async Task<string> LinkAsync(HttpClient user)
    {
        var imap = _mailbox.Imap();
        var answer = await user.PostAsJsonAsync("/api/me/links", new
        {
            provider = "imap",
            address = _mailbox.Address,
            imap = new { host = imap.Host, port = imap.Port, security = "ssl", username = imap.Username, password = imap.Password },
            caldav = new { url = MailServers.Current.CalDavRoot.AbsoluteUri, username = _mailbox.Username, password = _mailbox.Password },
        }, Ct);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
        await _world.WaitAsync();
        return JsonDocument.Parse(body).RootElement.GetProperty("linkId").GetString()!;
    }

    private static MimeMessage Message(string messageId, string from, string to, string subject, string body, DateTimeOffset date)
    {
        var message = new MimeMessage { MessageId = messageId.Trim('<', '>'), Subject = subject, Date = date, Body = new TextPart("plain") { Text = body } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static string Event(string uid, string title, DateTimeOffset start, string organizer, string attendee, string? rrule = null, DateTimeOffset? exdate = null)
    {
        static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//NavusoftSync tests//EN", "BEGIN:VEVENT", $"UID:{uid}", $"DTSTAMP:{Utc(DateTimeOffset.UtcNow)}",
            $"DTSTART:{Utc(start)}", $"DTEND:{Utc(start.AddHours(1))}", $"SUMMARY:{title}", $"ORGANIZER:mailto:{organizer}",
            $"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{attendee}",
        };
        if (rrule is not null)
        {
            lines.Add($"RRULE:{rrule}");
        }

        if (exdate is { } excluded)
        {
            lines.Add($"EXDATE:{Utc(excluded)}");
        }

        lines.AddRange(["END:VEVENT", "END:VCALENDAR"]);
        return string.Join("\r\n", lines) + "\r\n";
    }

    private IQuerySession Query() => _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);

    private async Task<int> HeldAppointmentsAsync(string linkId)
    {
        await using var session = Query();
        return (await session.Query<Appointment>().ToListAsync(Ct)).Count(a => a.Holders.Any(h => h.LinkId == linkId));
    }

    private async Task<JsonElement> LinkOfAsync(HttpClient user, string linkId) =>
        (await user.GetFromJsonAsync<JsonElement>("/api/me/links", Ct)).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
}

using System.Net;
using System.Text.Json;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;
using static NavusoftSync.Calendar.IntegrationTests.PrivacyWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>
/// What a caller sees of items on account calendars and in details, per visibility level: a holder sees everything, a
/// caller who does not hold an item what its holders' settings allow (the tenant's level, made stricter by a holder's
/// own); a private mark by any holder makes it "Private email"/"Private appointment" for everyone else.
/// </summary>
public sealed class VisibilityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Range = "/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30";
    private const string Day = "/api/accounts/acc-1/calendar/days/2026-11-20";
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    /// <summary>thread-1 and appt-1 held by Dana, thread-2 by Eli, thread-3 by both; all on acc-1. Kim holds nothing.</summary>
    private async Task<string> SeedAsync()
    {
        var tenant = Unique("t");
        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m1", Sent, "Dana's deal"), Held("thread-1", "m1", "dana"), Matched("thread-1", "acc-1"));
        await fixture.AppendAsync(tenant, "thread-2", Message("thread-2", "m2", Sent.AddHours(1), "Eli's deal"), Held("thread-2", "m2", "eli"), Matched("thread-2", "acc-1"));
        await fixture.AppendAsync(tenant, "thread-3", Message("thread-3", "m3", Sent.AddHours(2), "Shared deal"),
            Held("thread-3", "m3", "dana"), Held("thread-3", "m3", "eli", "link-2"), Matched("thread-3", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-1", Meeting("appt-1", When.At(Sent.AddHours(3)), When.At(Sent.AddHours(4))), Holds("appt-1", "dana"), MeetingMatched("appt-1", "acc-1"));
        return tenant;
    }

    [Theory]
    [InlineData("full", "Dana's deal", "Site visit")]
    [InlineData("subject", "Dana's deal", "Site visit")]
    [InlineData("metadata", "Email", "Appointment")]
    public async Task A_caller_who_holds_nothing_sees_calendar_items_at_the_tenant_level(string level, string emailTitle, string appointmentTitle)
    {
        var tenant = await SeedAsync();
        await fixture.SetTenantVisibilityAsync(tenant, level);
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        var shared = level == "metadata" ? "Email" : "Shared deal";
        var eli = level == "metadata" ? "Email" : "Eli's deal";
        List<string> expected = [$"thread-1 {emailTitle} {level}", $"thread-2 {eli} {level}", $"thread-3 {shared} {level}", $"appt-1 {appointmentTitle} {level}"];

        Assert.Equal(expected, Shown(await kim.GetJsonAsync(Range)));
        Assert.Equal(expected, Shown(await kim.GetJsonAsync(Day)));
        Assert.Equal(expected, Shown(await kim.GetJsonAsync(Range + "&tz=America/Chicago")));

        // The holders see their own items in full, the others' at the level.
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        Assert.Equal(["thread-1 Dana's deal full", $"thread-2 {eli} {level}", "thread-3 Shared deal full", "appt-1 Site visit full"], Shown(await dana.GetJsonAsync(Range)));
        Assert.Equal(["thread-1 Dana's deal full", "thread-3 Shared deal full", "appt-1 Site visit full"], Shown(await dana.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30")));
    }

    [Fact]
    public async Task Details_show_a_caller_who_holds_nothing_what_the_level_allows()
    {
        var tenant = await SeedAsync();
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));

        await fixture.SetTenantVisibilityAsync(tenant, "subject");
        var email = await kim.GetJsonAsync("/api/emails/thread-1");
        AssertEmail(email, "subject", "Dana's deal", people: true, bodies: false);
        var appointment = await kim.GetJsonAsync("/api/appointments/appt-1");
        AssertAppointment(appointment, "subject", "Site visit", "Yard 3", people: true, bodies: false);

        await fixture.SetTenantVisibilityAsync(tenant, "metadata");
        AssertEmail(await kim.GetJsonAsync("/api/emails/thread-1"), "metadata", "Email", people: true, bodies: false);
        AssertAppointment(await kim.GetJsonAsync("/api/appointments/appt-1"), "metadata", "Appointment", null, people: true, bodies: false);

        // The holder reads everything whatever the level.
        AssertEmail(await dana.GetJsonAsync("/api/emails/thread-1"), "full", "Dana's deal", people: true, bodies: true);
        AssertAppointment(await dana.GetJsonAsync("/api/appointments/appt-1"), "full", "Site visit", "Yard 3", people: true, bodies: true);

        await fixture.SetTenantVisibilityAsync(tenant, "full");
        AssertEmail(await kim.GetJsonAsync("/api/emails/thread-1"), "full", "Dana's deal", people: true, bodies: true);
    }

    [Fact]
    public async Task A_holder_s_own_stricter_level_holds_for_their_items_and_the_strictest_holder_wins()
    {
        var tenant = await SeedAsync();
        await fixture.SetTenantVisibilityAsync(tenant, "subject");
        await fixture.SetUserVisibilityAsync(tenant, "dana", "metadata");
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        var eli = fixture.ClientFor(Tokens.User(tenant, "eli"));

        Assert.Equal(["thread-1 Email metadata", "thread-2 Eli's deal subject", "thread-3 Email metadata", "appt-1 Appointment metadata"], Shown(await kim.GetJsonAsync(Range)));
        Assert.Equal(["thread-1 Email metadata", "thread-2 Eli's deal full", "thread-3 Shared deal full", "appt-1 Appointment metadata"], Shown(await eli.GetJsonAsync(Range)));
        AssertEmail(await eli.GetJsonAsync("/api/emails/thread-1"), "metadata", "Email", people: true, bodies: false);
        AssertEmail(await kim.GetJsonAsync("/api/emails/thread-2"), "subject", "Eli's deal", people: true, bodies: false);
    }

    [Fact]
    public async Task A_private_mark_by_any_holder_makes_the_item_private_for_everyone_but_its_holders()
    {
        var tenant = await SeedAsync();
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var eli = fixture.ClientFor(Tokens.User(tenant, "eli"));
        Assert.Equal(["thread-1 Dana's deal full", "thread-2 Eli's deal full", "thread-3 Shared deal full", "appt-1 Site visit full"], Shown(await kim.GetJsonAsync(Range)));

        await fixture.AppendAsync(tenant, "thread-3", new ThreadMarkedPrivate("thread-3", "eli", true, At));
        await fixture.AppendAsync(tenant, "appt-1", new AppointmentMarkedPrivate("appt-1", "dana", true, At));

        Assert.Equal(["thread-1 Dana's deal full", "thread-2 Eli's deal full", "thread-3 Private email private", "appt-1 Private appointment private"], Shown(await kim.GetJsonAsync(Range)));
        Assert.Equal(["thread-1 Dana's deal full", "thread-2 Eli's deal full", "thread-3 Private email private", "appt-1 Private appointment private"], Shown(await kim.GetJsonAsync(Day)));
        Assert.Equal(["thread-1 Dana's deal full", "thread-2 Eli's deal full", "thread-3 Shared deal full", "appt-1 Site visit full"], Shown(await dana.GetJsonAsync(Range)));
        Assert.Equal(["thread-1 Dana's deal full", "thread-2 Eli's deal full", "thread-3 Shared deal full", "appt-1 Private appointment private"], Shown(await eli.GetJsonAsync(Range)));
        Assert.Equal(["thread-1 Dana's deal full", "thread-3 Shared deal full", "appt-1 Site visit full"], Shown(await dana.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30")));

        AssertEmail(await kim.GetJsonAsync("/api/emails/thread-3"), "private", "Private email", people: false, bodies: false);
        AssertAppointment(await eli.GetJsonAsync("/api/appointments/appt-1"), "private", "Private appointment", null, people: false, bodies: false);
        var shared = await dana.GetJsonAsync("/api/emails/thread-3");
        AssertEmail(shared, "full", "Shared deal", people: true, bodies: true);
        Assert.False(shared.GetProperty("markedPrivate").GetBoolean()); // Eli's mark, not Dana's
        Assert.True((await eli.GetJsonAsync("/api/emails/thread-3")).GetProperty("markedPrivate").GetBoolean());
        Assert.True((await dana.GetJsonAsync("/api/appointments/appt-1")).GetProperty("markedPrivate").GetBoolean());
        Assert.False((await kim.GetJsonAsync("/api/emails/thread-3")).GetProperty("markedPrivate").GetBoolean());

        // The mark is the last one of each holder: unmarked, the item is back to the level.
        await fixture.AppendAsync(tenant, "thread-3", new ThreadMarkedPrivate("thread-3", "eli", false, At));
        Assert.Equal("thread-3 Shared deal full", Shown(await kim.GetJsonAsync(Range))[2]);
    }

    [Fact]
    public async Task A_mark_counts_only_while_its_user_holds_the_item()
    {
        var tenant = await SeedAsync();
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        await fixture.AppendAsync(tenant, "thread-3", new ThreadMarkedPrivate("thread-3", "eli", true, At));
        Assert.Equal("thread-3 Private email private", Shown(await kim.GetJsonAsync(Range))[2]);

        await fixture.AppendAsync(tenant, "thread-3", Released("thread-3", "m3", "eli", "link-2"));
        Assert.Equal("thread-3 Shared deal full", Shown(await kim.GetJsonAsync(Range))[2]);
        Assert.False((await fixture.ClientFor(Tokens.User(tenant, "eli")).GetJsonAsync("/api/emails/thread-3")).GetProperty("markedPrivate").GetBoolean());
        AssertEmail(await kim.GetJsonAsync("/api/emails/thread-3"), "full", "Shared deal", people: true, bodies: true);
    }

    internal static void AssertEmail(JsonElement email, string visibility, string subject, bool people, bool bodies)
    {
        Assert.Equal((visibility, subject), (email.GetProperty("visibility").GetString(), email.GetProperty("subject").GetString()));
        Assert.False(string.IsNullOrEmpty(email.GetProperty("startedAt").GetString()));
        Assert.Equal(["acc-1"], email.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(people, email.GetProperty("participants").GetArrayLength() > 0);
        Assert.Equal(people ? 1 : 0, email.GetProperty("accounts")[0].GetProperty("matchedContacts").GetArrayLength());
        var messages = email.GetProperty("messages");
        Assert.Equal(people ? 1 : 0, messages.GetArrayLength());
        foreach (var message in messages.EnumerateArray())
        {
            Assert.Equal("dana@hauler.example", message.GetProperty("from").GetProperty("email").GetString());
            Assert.Equal(bodies, message.GetProperty("snippet").ValueKind == JsonValueKind.String);
            Assert.Equal(bodies, message.GetProperty("bodyText").ValueKind == JsonValueKind.String);
            Assert.False(message.GetProperty("bodyTruncated").GetBoolean());
        }

        var text = email.GetRawText();
        Assert.Equal(bodies, text.Contains("body of", StringComparison.Ordinal) || text.Contains("snippet of", StringComparison.Ordinal));
        Assert.Equal(people, text.Contains("hauler.example", StringComparison.Ordinal));
    }

    internal static void AssertAppointment(JsonElement appointment, string visibility, string title, string? location, bool people, bool bodies)
    {
        Assert.Equal((visibility, title), (appointment.GetProperty("visibility").GetString(), appointment.GetProperty("title").GetString()));
        Assert.Equal(location, appointment.GetProperty("location").GetString());
        Assert.False(string.IsNullOrEmpty(appointment.GetProperty("start").GetString()));
        Assert.Equal("Scheduled", appointment.GetProperty("status").GetString());
        Assert.Equal(["acc-1"], appointment.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(people, appointment.GetProperty("organizer").ValueKind == JsonValueKind.Object);
        Assert.Equal(people ? 2 : 0, appointment.GetProperty("attendees").GetArrayLength());
        Assert.Equal(bodies ? "Look at the bins" : null, appointment.GetProperty("description").GetString());
        Assert.False(appointment.GetProperty("descriptionTruncated").GetBoolean());
        Assert.Equal(people, appointment.GetRawText().Contains("customer.com", StringComparison.OrdinalIgnoreCase));
    }
}

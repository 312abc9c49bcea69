using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>The range, day and detail calls over HTTP, on projections fed by appended events.</summary>
public sealed class CalendarApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private async Task CreateAccountAsync(string tenant, string accountId)
    {
        var admin = fixture.ClientFor(Tokens.Admin(tenant));
        var response = await admin.PutAsJsonAsync($"/api/accounts/{accountId}", new { name = "Acme", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.com" } } });
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_range_holds_only_days_with_items_in_date_order_items_by_start_then_id_with_counts()
    {
        var tenant = Unique("t");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        foreach (var (thread, sent) in new[] { ("thread-b", Nov20), ("thread-a", Nov20), ("thread-c", Nov20.AddHours(-2)), ("thread-d", Nov20.AddDays(3)) })
        {
            await fixture.AppendAsync(tenant, thread, Message(thread, "m-" + thread, sent), Held(thread, "m-" + thread, "dana"), Matched(thread, "acc-1"));
        }

        await fixture.AppendAsync(tenant, "appt-allday", Meeting("appt-allday", When.On(new DateOnly(2026, 11, 20)), When.On(new DateOnly(2026, 11, 21)), "Inspection", allDay: true),
            Holds("appt-allday", "dana"));

        var range = await dana.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30");
        Assert.Equal("2026-11-01", range.GetProperty("from").GetString());
        Assert.Equal("2026-11-30", range.GetProperty("to").GetString());
        Assert.Equal("UTC", range.GetProperty("timeZone").GetString());
        var days = range.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-11-20", "2026-11-23"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal([4, 1], days.Select(d => d.GetProperty("count").GetInt32()));
        Assert.Equal(["appt-allday", "thread-c", "thread-a", "thread-b", "thread-d"], Ids(range));

        var first = days[0].GetProperty("items")[1];
        Assert.Equal("email", first.GetProperty("kind").GetString());
        Assert.Equal("Dumpster swap", first.GetProperty("title").GetString());
        Assert.Equal("2026-11-20T13:00:00+00:00", first.GetProperty("start").GetString());
        Assert.Equal(["acc-1"], first.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()));
        var allDay = days[0].GetProperty("items")[0];
        Assert.Equal(("appointment", "2026-11-20", "2026-11-21", "Scheduled"),
            (allDay.GetProperty("kind").GetString(), allDay.GetProperty("start").GetString(), allDay.GetProperty("end").GetString(), allDay.GetProperty("status").GetString()));

        var day = await dana.GetJsonAsync("/api/me/calendar/days/2026-11-20");
        Assert.Equal(("2026-11-20", "UTC", 4), (day.GetProperty("date").GetString(), day.GetProperty("timeZone").GetString(), day.GetProperty("count").GetInt32()));
        Assert.Equal(["appt-allday", "thread-c", "thread-a", "thread-b"], Ids(day));

        var account = await dana.GetJsonAsync("/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30");
        Assert.Equal(["thread-c", "thread-a", "thread-b", "thread-d"], Ids(account));
        Assert.Equal(["thread-d"], Ids(await dana.GetJsonAsync("/api/accounts/acc-1/calendar/days/2026-11-23")));

        var empty = await dana.GetJsonAsync("/api/me/calendar/days/2026-11-21");
        Assert.Equal(0, empty.GetProperty("count").GetInt32());
        Assert.Empty(empty.GetProperty("items").EnumerateArray());
        Assert.Empty((await dana.GetJsonAsync("/api/me/calendar?from=2026-12-01&to=2026-12-31")).GetProperty("days").EnumerateArray());
    }

    [Fact]
    public async Task An_older_message_arriving_later_moves_the_thread_to_the_earlier_date()
    {
        var tenant = Unique("t");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m2", Nov20, "RE: Quote"), Held("thread-1", "m2", "dana"), Matched("thread-1", "acc-1"));
        Assert.Equal(["2026-11-20: thread-1@2026-11-20T15:00:00+00:00"], Placements(await dana.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30")));

        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m1", Nov20.AddDays(-5), "Quote"), Held("thread-1", "m1", "dana"));
        var range = await dana.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30");
        Assert.Equal(["2026-11-15: thread-1@2026-11-15T15:00:00+00:00"], Placements(range));
        Assert.Equal("Quote", range.GetProperty("days")[0].GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal(["2026-11-15: thread-1@2026-11-15T15:00:00+00:00"], Placements(await dana.GetJsonAsync("/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30")));
    }

    [Fact]
    public async Task A_cancelled_appointment_shows_as_cancelled_and_a_moved_one_only_on_its_new_date()
    {
        var tenant = Unique("t");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        await fixture.AppendAsync(tenant, "appt-c", Meeting("appt-c", When.At(Nov20), When.At(Nov20.AddHours(1)), "Cancelled one"), Holds("appt-c", "dana"), MeetingMatched("appt-c", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-m", Meeting("appt-m", When.At(Nov20), When.At(Nov20.AddHours(1)), "Moved one"), Holds("appt-m", "dana"), MeetingMatched("appt-m", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-c", new AppointmentCancelled("appt-c", At));
        await fixture.AppendAsync(tenant, "appt-m", new AppointmentRescheduled("appt-m", When.At(Nov20.AddDays(4)), When.At(Nov20.AddDays(4).AddHours(2)), false, At));

        foreach (var path in new[] { "/api/me/calendar?from=2026-11-01&to=2026-11-30", "/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30" })
        {
            var range = await dana.GetJsonAsync(path);
            Assert.Equal(["2026-11-20: appt-c@2026-11-20T15:00:00+00:00", "2026-11-24: appt-m@2026-11-24T15:00:00+00:00"], Placements(range));
            var cancelled = range.GetProperty("days")[0].GetProperty("items")[0];
            Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
            var moved = range.GetProperty("days")[1].GetProperty("items")[0];
            Assert.Equal(("Scheduled", "2026-11-24T17:00:00+00:00"), (moved.GetProperty("status").GetString(), moved.GetProperty("end").GetString()));
        }

        Assert.DoesNotContain("appt-m", Ids(await dana.GetJsonAsync("/api/me/calendar/days/2026-11-20")));
        var details = await dana.GetJsonAsync("/api/appointments/appt-c");
        Assert.Equal("Cancelled", details.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_item_held_by_two_users_is_once_on_each_calendar_and_release_removes_it_from_that_user_only()
    {
        var tenant = Unique("t");
        await CreateAccountAsync(tenant, "acc-1");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var eli = fixture.ClientFor(Tokens.User(tenant, "eli"));
        await fixture.AppendAsync(tenant, "thread-s",
            Message("thread-s", "m1", Nov20), Message("thread-s", "m2", Nov20.AddHours(1)),
            Held("thread-s", "m1", "dana", "link-d"), Held("thread-s", "m2", "dana", "link-d"), Held("thread-s", "m1", "eli", "link-e"), Held("thread-s", "m2", "eli", "link-e"),
            Matched("thread-s", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-s", Meeting("appt-s", When.At(Nov20), When.At(Nov20.AddHours(1))),
            Holds("appt-s", "dana", "link-d"), Holds("appt-s", "eli", "link-e"), Holds("appt-s", "eli", "link-e2"), MeetingMatched("appt-s", "acc-1"));

        const string november = "calendar?from=2026-11-01&to=2026-11-30";
        Assert.Equal(["appt-s", "thread-s"], Ids(await dana.GetJsonAsync($"/api/me/{november}")));
        Assert.Equal(["appt-s", "thread-s"], Ids(await eli.GetJsonAsync($"/api/me/{november}")));
        Assert.Equal(["appt-s", "thread-s"], Ids(await eli.GetJsonAsync($"/api/accounts/acc-1/{november}")));

        // Dana unlinks: the sync appends Released for everything her link held.
        await fixture.AppendAsync(tenant, "thread-s", Released("thread-s", "m1", "dana", "link-d"), Released("thread-s", "m2", "dana", "link-d"));
        await fixture.AppendAsync(tenant, "appt-s", new AppointmentReleased("appt-s", "dana", "link-d", At));
        Assert.Empty(Ids(await dana.GetJsonAsync($"/api/me/{november}")));
        Assert.Equal(["appt-s", "thread-s"], Ids(await eli.GetJsonAsync($"/api/me/{november}")));
        Assert.Equal(["appt-s", "thread-s"], Ids(await dana.GetJsonAsync($"/api/accounts/acc-1/{november}")));
        // Still visible to Dana through the account calendar.
        Assert.Equal("thread-s", (await dana.GetJsonAsync("/api/emails/thread-s")).GetProperty("threadId").GetString());

        // The contact leaves the account: off the account calendar, still on Eli's.
        await fixture.AppendAsync(tenant, "thread-s", new ThreadAccountUnmatched("thread-s", "acc-1", At));
        await fixture.AppendAsync(tenant, "appt-s", new AppointmentAccountUnmatched("appt-s", "acc-1", At));
        Assert.Empty(Ids(await dana.GetJsonAsync($"/api/accounts/acc-1/{november}")));
        Assert.Equal(["appt-s", "thread-s"], Ids(await eli.GetJsonAsync($"/api/me/{november}")));
        await dana.AssertStatusAsync("/api/emails/thread-s", HttpStatusCode.NotFound);
        await dana.AssertStatusAsync("/api/appointments/appt-s", HttpStatusCode.NotFound);
        Assert.Empty((await eli.GetJsonAsync("/api/emails/thread-s")).GetProperty("accountIds").EnumerateArray());
    }

    [Fact]
    public async Task The_email_detail_has_the_contract_fields_participants_messages_and_why_each_account_has_it()
    {
        var tenant = Unique("t");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        await fixture.AppendAsync(tenant, "thread-d",
            Message("thread-d", "m2", Nov20.AddHours(2), "RE: Bins", from: "Pat@Customer.com", to: "dana@hauler.example"),
            Message("thread-d", "m1", Nov20, "Bins"),
            Held("thread-d", "m1", "dana"), Matched("thread-d", "acc-2", "pat@customer.com"), Matched("thread-d", "acc-1", "pat@customer.com", "kim@customer.com"));

        var thread = await dana.GetJsonAsync("/api/emails/thread-d");
        Assert.Equal(("thread-d", "thread-d", "Bins"), (thread.GetProperty("threadId").GetString(), thread.GetProperty("streamId").GetString(), thread.GetProperty("subject").GetString()));
        Assert.Equal(Nov20, thread.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(["acc-1", "acc-2"], thread.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["dana@hauler.example", "pat@customer.com", "ops@hauler.example"], thread.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("email").GetString()));
        Assert.Equal("Dana", thread.GetProperty("participants")[0].GetProperty("name").GetString());
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["m1", "m2"], messages.Select(m => m.GetProperty("messageId").GetString()));
        Assert.Equal("pat@customer.com", messages[1].GetProperty("from").GetProperty("email").GetString());
        Assert.Equal(["dana@hauler.example"], messages[1].GetProperty("to").EnumerateArray().Select(p => p.GetProperty("email").GetString()));
        Assert.Equal(["ops@hauler.example"], messages[1].GetProperty("cc").EnumerateArray().Select(p => p.GetProperty("email").GetString()));
        Assert.Equal(("snippet of m1", "body of m1"), (messages[0].GetProperty("snippet").GetString(), messages[0].GetProperty("bodyText").GetString()));
        Assert.Equal(Nov20.AddHours(2), messages[1].GetProperty("sentAt").GetDateTimeOffset());
        var accounts = thread.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(["acc-1", "acc-2"], accounts.Select(a => a.GetProperty("accountId").GetString()));
        Assert.Equal(["kim@customer.com", "pat@customer.com"], accounts[0].GetProperty("matchedContacts").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task The_appointment_detail_has_the_contract_fields_and_all_day_dates()
    {
        var tenant = Unique("t");
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        await fixture.AppendAsync(tenant, "appt-d", Meeting("appt-d", When.At(Nov20), When.At(Nov20.AddMinutes(90))), Holds("appt-d", "dana"), MeetingMatched("appt-d", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-a", Meeting("appt-a", When.On(new DateOnly(2026, 11, 22)), When.On(new DateOnly(2026, 11, 25)), "Trade fair", allDay: true), Holds("appt-a", "dana"));

        var appointment = await dana.GetJsonAsync("/api/appointments/appt-d");
        Assert.Equal(("appt-d", "appt-d", "Site visit", "Scheduled"),
            (appointment.GetProperty("appointmentId").GetString(), appointment.GetProperty("streamId").GetString(), appointment.GetProperty("title").GetString(), appointment.GetProperty("status").GetString()));
        Assert.Equal(("2026-11-20T15:00:00+00:00", "2026-11-20T16:30:00+00:00", false),
            (appointment.GetProperty("start").GetString(), appointment.GetProperty("end").GetString(), appointment.GetProperty("isAllDay").GetBoolean()));
        Assert.Equal(("Yard 3", "Look at the bins"), (appointment.GetProperty("location").GetString(), appointment.GetProperty("description").GetString()));
        Assert.Equal("dana@hauler.example", appointment.GetProperty("organizer").GetProperty("email").GetString());
        Assert.Equal(["pat@customer.com:accepted", "ops@hauler.example:none"],
            appointment.GetProperty("attendees").EnumerateArray().Select(a => $"{a.GetProperty("email").GetString()}:{a.GetProperty("response").GetString()}"));
        Assert.Equal(["acc-1"], appointment.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["pat@customer.com"], appointment.GetProperty("accounts")[0].GetProperty("matchedContacts").EnumerateArray().Select(c => c.GetString()));

        var allDay = await dana.GetJsonAsync("/api/appointments/appt-a");
        Assert.Equal(("2026-11-22", "2026-11-25", true), (allDay.GetProperty("start").GetString(), allDay.GetProperty("end").GetString(), allDay.GetProperty("isAllDay").GetBoolean()));
        // A multi-day all-day appointment sits on its start date only.
        Assert.Equal(["2026-11-22: appt-a@2026-11-22"], Placements(await dana.GetJsonAsync("/api/me/calendar?from=2026-11-21&to=2026-11-30")));
    }
}

using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>Who sees what: own user calendar, the tenant's account calendars, details by mailbox or account; 401/404 otherwise.</summary>
public sealed class AccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> EveryCall =>
    [
        "/api/me/calendar?from=2026-11-01&to=2026-11-30",
        "/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30",
        "/api/me/calendar/days/2026-11-20",
        "/api/accounts/acc-1/calendar/days/2026-11-20",
        "/api/emails/thread-1",
        "/api/appointments/appt-1",
    ];

    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task Without_a_token_every_call_is_401(string path) =>
        await fixture.App.CreateClient().AssertStatusAsync(path, HttpStatusCode.Unauthorized);

    private async Task<string> SeedAsync()
    {
        var tenant = Unique("t");
        var admin = fixture.ClientFor(Tokens.Admin(tenant));
        Assert.True((await admin.PutAsJsonAsync("/api/accounts/acc-1", new { name = "Acme", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.com" } } })).IsSuccessStatusCode);
        Assert.True((await admin.PutAsJsonAsync("/api/accounts/acc-empty", new { name = "Quiet Ltd", contacts = Array.Empty<object>() })).IsSuccessStatusCode);

        // Dana's mailbox only (no account); one held by Dana and on acc-1; an appointment of Eli's only.
        await fixture.AppendAsync(tenant, "thread-private", Message("thread-private", "m1", Sent), Held("thread-private", "m1", "dana"));
        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m1", Sent), Held("thread-1", "m1", "dana"), Matched("thread-1", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-eli", Meeting("appt-eli", When.At(Sent), When.At(Sent.AddHours(1))), Holds("appt-eli", "eli"));
        await fixture.AppendAsync(tenant, "appt-1", Meeting("appt-1", When.At(Sent), When.At(Sent.AddHours(1))), MeetingMatched("appt-1", "acc-1"));
        return tenant;
    }

    [Fact]
    public async Task A_user_sees_only_their_own_user_calendar_and_every_account_calendar_of_the_tenant()
    {
        var tenant = await SeedAsync();
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var eli = fixture.ClientFor(Tokens.User(tenant, "eli"));
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));

        Assert.Equal(["thread-1", "thread-private"], Ids(await dana.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30")));
        Assert.Equal(["appt-eli"], Ids(await eli.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30")));
        Assert.Empty(Ids(await kim.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30")));

        foreach (var user in new[] { dana, eli, kim })
        {
            Assert.Equal(["appt-1", "thread-1"], Ids(await user.GetJsonAsync("/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30")));
            Assert.Equal(["appt-1", "thread-1"], Ids(await user.GetJsonAsync("/api/accounts/acc-1/calendar/days/2026-11-20")));
            Assert.Empty(Ids(await user.GetJsonAsync("/api/accounts/acc-empty/calendar?from=2026-11-01&to=2026-11-30")));
        }
    }

    [Fact]
    public async Task Details_are_visible_through_the_callers_mailbox_or_an_account_and_404_otherwise()
    {
        var tenant = await SeedAsync();
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var eli = fixture.ClientFor(Tokens.User(tenant, "eli"));

        Assert.Equal("thread-private", (await dana.GetJsonAsync("/api/emails/thread-private")).GetProperty("threadId").GetString());
        await eli.AssertStatusAsync("/api/emails/thread-private", HttpStatusCode.NotFound);
        Assert.Equal("thread-1", (await eli.GetJsonAsync("/api/emails/thread-1")).GetProperty("threadId").GetString());

        Assert.Equal("appt-eli", (await eli.GetJsonAsync("/api/appointments/appt-eli")).GetProperty("appointmentId").GetString());
        await dana.AssertStatusAsync("/api/appointments/appt-eli", HttpStatusCode.NotFound);
        Assert.Equal("appt-1", (await dana.GetJsonAsync("/api/appointments/appt-1")).GetProperty("appointmentId").GetString());

        await dana.AssertStatusAsync("/api/emails/thread-unknown", HttpStatusCode.NotFound);
        await dana.AssertStatusAsync("/api/appointments/appt-unknown", HttpStatusCode.NotFound);
        // A thread id used as an appointment id (and the reverse) is simply not found.
        await dana.AssertStatusAsync("/api/appointments/thread-1", HttpStatusCode.NotFound);
        await dana.AssertStatusAsync("/api/emails/appt-1", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_account_or_another_tenants_data_is_404()
    {
        var tenant = await SeedAsync();
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        await dana.AssertStatusAsync("/api/accounts/acc-unknown/calendar?from=2026-11-01&to=2026-11-30", HttpStatusCode.NotFound);
        await dana.AssertStatusAsync("/api/accounts/acc-unknown/calendar/days/2026-11-20", HttpStatusCode.NotFound);

        // Same user id and account id in another tenant: nothing of the first tenant shows.
        var other = fixture.ClientFor(Tokens.User(Unique("other"), "dana"));
        await other.AssertStatusAsync("/api/accounts/acc-1/calendar?from=2026-11-01&to=2026-11-30", HttpStatusCode.NotFound);
        await other.AssertStatusAsync("/api/accounts/acc-1/calendar/days/2026-11-20", HttpStatusCode.NotFound);
        await other.AssertStatusAsync("/api/emails/thread-1", HttpStatusCode.NotFound);
        await other.AssertStatusAsync("/api/emails/thread-private", HttpStatusCode.NotFound);
        await other.AssertStatusAsync("/api/appointments/appt-1", HttpStatusCode.NotFound);
        Assert.Empty(Ids(await other.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30")));
    }
}

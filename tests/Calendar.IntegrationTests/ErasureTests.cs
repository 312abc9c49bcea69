using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>
/// An erased item (<c>ThreadErased</c>, <c>AppointmentErased</c>) leaves every calendar, its details are 404 for
/// everyone, and its view keeps nothing of its content; erased by a rule it comes back when recorded again, erased by an
/// admin (final) it does not.
/// </summary>
public sealed class ErasureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string November = "?from=2026-11-01&to=2026-11-30";
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private async Task<string> SeedAsync()
    {
        var tenant = Unique("t");
        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m1", Sent), Held("thread-1", "m1", "dana"), Matched("thread-1", "acc-1"),
            new ThreadMarkedPrivate("thread-1", "dana", true, At));
        await fixture.AppendAsync(tenant, "thread-2", Message("thread-2", "m2", Sent, "Kept"), Held("thread-2", "m2", "dana"), Matched("thread-2", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-1", Meeting("appt-1", When.At(Sent), When.At(Sent.AddHours(1))), Holds("appt-1", "dana"), MeetingMatched("appt-1", "acc-1"));
        return tenant;
    }

    [Fact]
    public async Task An_erased_item_leaves_every_calendar_its_details_are_404_and_its_view_keeps_no_content()
    {
        var tenant = await SeedAsync();
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        Assert.Equal(["appt-1", "thread-1", "thread-2"], Ids(await dana.GetJsonAsync("/api/me/calendar" + November)));

        await fixture.AppendAsync(tenant, "thread-1", new ThreadErased("thread-1", "admin-1", "asked by the customer", true, At));
        await fixture.AppendAsync(tenant, "appt-1", new AppointmentErased("appt-1", "system:privacy", "blocklist", false, At));

        foreach (var user in new[] { dana, kim })
        {
            Assert.Equal(["thread-2"], Ids(await user.GetJsonAsync("/api/accounts/acc-1/calendar" + November)));
            Assert.Equal(["thread-2"], Ids(await user.GetJsonAsync("/api/accounts/acc-1/calendar/days/2026-11-20")));
            await user.AssertStatusAsync("/api/emails/thread-1", HttpStatusCode.NotFound);
            await user.AssertStatusAsync("/api/appointments/appt-1", HttpStatusCode.NotFound);
        }

        Assert.Equal(["thread-2"], Ids(await dana.GetJsonAsync("/api/me/calendar" + November)));
        Assert.Equal(["thread-2"], Ids(await dana.GetJsonAsync("/api/me/calendar/days/2026-11-20")));

        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
        Assert.Equal(0, await session.Query<CalendarEntry>().CountAsync(e => e.ItemId == "thread-1" || e.ItemId == "appt-1"));
        var thread = await session.Json.FindByIdAsync<EmailThreadView>("thread-1");
        var appointment = await session.Json.FindByIdAsync<AppointmentView>("appt-1");
        Assert.NotNull(thread);
        Assert.NotNull(appointment);
        foreach (var content in new[] { "Dumpster", "snippet of", "body of", "hauler.example", "customer.com", "Site visit", "Yard 3", "Look at the bins", "dana\"" })
        {
            Assert.DoesNotContain(content, thread, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(content, appointment, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("admin-1", thread);
        Assert.Contains("asked by the customer", thread);
    }

    [Fact]
    public async Task Erased_by_a_rule_an_item_comes_back_when_recorded_again_and_erased_by_an_admin_it_does_not()
    {
        var tenant = await SeedAsync();
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        await fixture.AppendAsync(tenant, "thread-1", new ThreadErased("thread-1", "system:privacy", "internal", false, At));
        await fixture.AppendAsync(tenant, "thread-2", new ThreadErased("thread-2", "admin-1", "legal hold", true, At));
        await fixture.AppendAsync(tenant, "appt-1", new AppointmentErased("appt-1", "system:privacy", "blocklist", false, At));
        Assert.Empty(Ids(await dana.GetJsonAsync("/api/me/calendar" + November)));

        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m1", Sent, "Again"), Held("thread-1", "m1", "dana"), Matched("thread-1", "acc-1"));
        await fixture.AppendAsync(tenant, "thread-2", Message("thread-2", "m2", Sent, "Kept"), Held("thread-2", "m2", "dana"), Matched("thread-2", "acc-1"));
        await fixture.AppendAsync(tenant, "appt-1", Meeting("appt-1", When.At(Sent), When.At(Sent.AddHours(1)), "Visit again"), Holds("appt-1", "dana"), MeetingMatched("appt-1", "acc-1"));

        Assert.Equal(["appt-1", "thread-1"], Ids(await dana.GetJsonAsync("/api/me/calendar" + November)));
        var kim = fixture.ClientFor(Tokens.User(tenant, "kim"));
        Assert.Equal(["appt-1 Visit again full", "thread-1 Again full"], PrivacyWorld.Shown(await kim.GetJsonAsync("/api/accounts/acc-1/calendar" + November)));
        Assert.Equal("Again", (await kim.GetJsonAsync("/api/emails/thread-1")).GetProperty("subject").GetString());
        await kim.AssertStatusAsync("/api/emails/thread-2", HttpStatusCode.NotFound);
    }
}

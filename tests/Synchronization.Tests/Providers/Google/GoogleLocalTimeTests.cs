using System.Text.Json.Nodes;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>
/// Google may send an event's times without an offset, as wall-clock times in the event's IANA zone; the reader
/// turns a time in a DST gap into the instant an hour later and an ambiguous time into its first occurrence.
/// </summary>
public sealed class GoogleLocalTimeTests : ReaderTest
{
    private const string Carl = "carl.rivera@gmail.example";

    public static TheoryData<string, string, string, string, string> Times => new()
    {
        // zone, local start, local end, expected start, expected end
        { "America/Chicago", "2027-03-14T02:30:00", "2027-03-14T04:00:00", "2027-03-14T03:30:00-05:00", "2027-03-14T04:00:00-05:00" },
        { "America/Chicago", "2026-11-01T01:30:00", "2026-11-01T02:30:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-06:00" },
        { "Europe/London", "2027-03-28T01:30:00", "2027-03-28T03:00:00", "2027-03-28T02:30:00+01:00", "2027-03-28T03:00:00+01:00" },
        { "Europe/London", "2026-10-25T01:30:00", "2026-10-25T02:30:00", "2026-10-25T01:30:00+01:00", "2026-10-25T02:30:00+00:00" },
        { "Europe/London", "2026-12-01T09:00:00", "2026-12-01T10:00:00", "2026-12-01T09:00:00+00:00", "2026-12-01T10:00:00+00:00" },
        { "UTC", "2027-03-14T02:30:00", "2027-03-14T03:00:00", "2027-03-14T02:30:00+00:00", "2027-03-14T03:00:00+00:00" },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public async Task An_event_in_a_zone_arrives_at_the_instant_google_shows(string zone, string start, string end, string expectedStart, string expectedEnd)
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Carl, Provider = SandboxProvider.Google, TimeZone = "Europe/Berlin" }, Ct);
        var added = await Sandbox.Control.AddEventAsync(Carl, new ScenarioEvent
        {
            Subject = "Early call",
            Start = Today.AddDays(1).AddHours(8),
            End = Today.AddDays(1).AddHours(9),
            WireOverrides = new JsonObject
            {
                ["start"] = new JsonObject { ["dateTime"] = start, ["timeZone"] = zone },
                ["end"] = new JsonObject { ["dateTime"] = end, ["timeZone"] = zone },
            },
        }, Ct);
        var (access, _) = await LinkAsync(Carl, "google");

        var pages = await Reader("google").ReadCalendarAsync(access, null, new CalendarWindow(Today.AddDays(-14), Today.AddDays(180)), Ct).ReadAllAsync();

        var item = Assert.Single(pages.Items(), i => i.ProviderId == added.Id);
        Assert.Equal(LocalTimes.Expected(expectedStart), LocalTimes.Seen(item.Start));
        Assert.Equal(LocalTimes.Expected(expectedEnd), LocalTimes.Seen(item.End));
    }
}

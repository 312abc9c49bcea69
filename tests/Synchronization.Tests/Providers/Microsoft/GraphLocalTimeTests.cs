using System.Text.Json.Nodes;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Providers.Microsoft;

/// <summary>
/// Graph sends an event's times as wall-clock times in a Windows zone (<c>dateTimeTimeZone</c>); the reader
/// turns a time in a DST gap into the instant an hour later and an ambiguous time into its first occurrence.
/// </summary>
public sealed class GraphLocalTimeTests : ReaderTest
{
    private const string Anna = "anna.keller@contoso.com";

    public static TheoryData<string, string, string, string, string> Times => new()
    {
        // zone, local start, local end, expected start, expected end
        { "Central Standard Time", "2027-03-14T02:30:00.0000000", "2027-03-14T04:00:00.0000000", "2027-03-14T03:30:00-05:00", "2027-03-14T04:00:00-05:00" },
        { "Central Standard Time", "2026-11-01T01:30:00.0000000", "2026-11-01T02:30:00.0000000", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-06:00" },
        { "GMT Standard Time", "2027-03-28T01:30:00.0000000", "2027-03-28T03:00:00.0000000", "2027-03-28T02:30:00+01:00", "2027-03-28T03:00:00+01:00" },
        { "GMT Standard Time", "2026-10-25T01:30:00.0000000", "2026-10-25T02:30:00.0000000", "2026-10-25T01:30:00+01:00", "2026-10-25T02:30:00+00:00" },
        { "Central Standard Time", "2026-12-01T09:00:00.0000000", "2026-12-01T10:00:00.0000000", "2026-12-01T09:00:00-06:00", "2026-12-01T10:00:00-06:00" },
        { "UTC", "2027-03-14T02:30:00.0000000", "2027-03-14T03:00:00.0000000", "2027-03-14T02:30:00+00:00", "2027-03-14T03:00:00+00:00" },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public async Task An_event_in_a_zone_arrives_at_the_instant_outlook_shows(string zone, string start, string end, string expectedStart, string expectedEnd)
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Anna, Provider = SandboxProvider.Microsoft }, Ct);
        var added = await Sandbox.Control.AddEventAsync(Anna, new ScenarioEvent
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
        var (access, _) = await LinkAsync(Anna, "microsoft");

        var pages = await Reader("microsoft").ReadCalendarAsync(access, null, new CalendarWindow(Today.AddDays(-14), Today.AddDays(180)), Ct).ReadAllAsync();

        var item = Assert.Single(pages.Items(), i => i.ProviderId == added.Id);
        Assert.Equal(LocalTimes.Expected(expectedStart), LocalTimes.Seen(item.Start));
        Assert.Equal(LocalTimes.Expected(expectedEnd), LocalTimes.Seen(item.End));
    }

    [Fact]
    public async Task An_event_whose_local_time_names_no_instant_is_skipped_with_its_id_and_the_rest_of_the_page_is_read()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Anna, Provider = SandboxProvider.Microsoft }, Ct);
        var edge = await Sandbox.Control.AddEventAsync(Anna, new ScenarioEvent
        {
            Subject = "Before time",
            Start = Today.AddDays(1).AddHours(8),
            End = Today.AddDays(1).AddHours(9),
            WireOverrides = new JsonObject
            {
                ["start"] = new JsonObject { ["dateTime"] = "0001-01-01T00:30:00.0000000", ["timeZone"] = "Tokyo Standard Time" },
                ["end"] = new JsonObject { ["dateTime"] = "0001-01-01T01:30:00.0000000", ["timeZone"] = "Tokyo Standard Time" },
            },
        }, Ct);
        var normal = await Sandbox.Control.AddEventAsync(
            Anna, new ScenarioEvent { Subject = "Normal", Start = Today.AddDays(2).AddHours(8), End = Today.AddDays(2).AddHours(9) }, Ct);
        var (access, _) = await LinkAsync(Anna, "microsoft");

        var pages = await Reader("microsoft").ReadCalendarAsync(access, null, new CalendarWindow(Today.AddDays(-14), Today.AddDays(180)), Ct).ReadAllAsync();

        Assert.Contains(pages.Items(), i => i.ProviderId == normal.Id);
        Assert.DoesNotContain(pages.Items(), i => i.ProviderId == edge.Id);
        Assert.Contains(pages.SelectMany(p => p.Malformed), m => m.ProviderId == edge.Id);
    }
}

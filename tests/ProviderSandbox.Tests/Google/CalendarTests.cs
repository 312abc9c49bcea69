using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Google;

/// <summary>The Google Calendar API over plain HTTP: windows, recurring expansion, sync tokens and their expiry.</summary>
public sealed class CalendarTests : SandboxTest
{
    private const string Mailbox = "carl.rivera@gmail.example";
    private string _token = string.Empty;
    private EventSummary _onboarding = null!;
    private EventSummary _standup = null!;

    private DateTimeOffset Today => new(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Google, TimeZone = "Europe/Berlin" }, Ct);
        _onboarding = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent
        {
            Subject = "Northwind onboarding",
            Start = Today.AddDays(1).AddHours(14),
            End = Today.AddDays(1).AddHours(15),
            Organizer = "Dana <dana@northwind.example>",
            Attendees = [new ScenarioAttendee { Address = Mailbox, Response = AttendeeResponse.TentativelyAccepted }],
        }, Ct);
        _standup = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent
        {
            Subject = "Standup",
            Start = Today.AddHours(8),
            End = Today.AddHours(8).AddMinutes(15),
            Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Daily, Count = 3 },
        }, Ct);
        await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Trade fair", Start = Today.AddDays(10), End = Today.AddDays(12), IsAllDay = true }, Ct);
        _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
    }

    [Fact]
    public async Task Single_events_expand_recurring_events_into_instances()
    {
        var (status, list) = await ListAsync($"singleEvents=true&orderBy=startTime&timeMin={Instant(Today.AddDays(-1))}&timeMax={Instant(Today.AddDays(30))}");

        Assert.Equal(200, status);
        Assert.Equal("calendar#events", list["kind"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", list["timeZone"]!.GetValue<string>());
        Assert.NotNull(list["nextSyncToken"]);
        var items = list["items"]!.AsArray();
        Assert.Equal(5, items.Count);
        var instances = items.Where(i => i!["recurringEventId"]?.GetValue<string>() == _standup.Id).ToList();
        Assert.Equal(_standup.InstanceIds, instances.Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal("2026-11-20T09:00:00+01:00", instances[0]!["originalStartTime"]!["dateTime"]!.GetValue<string>());
        var onboarding = items.Single(i => i!["id"]!.GetValue<string>() == _onboarding.Id)!;
        Assert.Equal("confirmed", onboarding["status"]!.GetValue<string>());
        Assert.Equal("dana@northwind.example", onboarding["organizer"]!["email"]!.GetValue<string>());
        var self = onboarding["attendees"]!.AsArray().Single(a => a!["self"]?.GetValue<bool>() == true)!;
        Assert.Equal("tentative", self["responseStatus"]!.GetValue<string>());
        Assert.Equal(_onboarding.ICalUId, onboarding["iCalUID"]!.GetValue<string>());
        var fair = items.Single(i => i!["summary"]!.GetValue<string>() == "Trade fair")!;
        Assert.Equal(Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), fair["start"]!["date"]!.GetValue<string>());
        Assert.Null(fair["start"]!["dateTime"]);
    }

    [Fact]
    public async Task Without_single_events_a_series_comes_with_its_rrule()
    {
        var (_, list) = await ListAsync("singleEvents=false");

        var series = list["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == _standup.Id)!;
        Assert.Equal("RRULE:FREQ=DAILY;COUNT=3", series["recurrence"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sync_token_returns_exactly_the_changes_including_cancellations()
    {
        var (_, full) = await ListAsync("singleEvents=true&maxResults=2");
        var pages = 1;
        while (full["nextPageToken"] is { } next)
        {
            (_, full) = await ListAsync($"singleEvents=true&maxResults=2&pageToken={next.GetValue<string>()}");
            pages++;
        }

        Assert.Equal(3, pages);
        var syncToken = full["nextSyncToken"]!.GetValue<string>();

        await Sandbox.Control.CancelEventAsync(Mailbox, _onboarding.Id, Ct);
        await Sandbox.Control.DeleteEventAsync(Mailbox, _standup.InstanceIds[1], Ct);
        var added = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Follow-up", Start = Today.AddDays(3).AddHours(10), End = Today.AddDays(3).AddHours(11) }, Ct);

        var (status, changes) = await ListAsync($"singleEvents=true&syncToken={Uri.EscapeDataString(syncToken)}");

        Assert.Equal(200, status);
        var items = changes["items"]!.AsArray().ToDictionary(i => i!["id"]!.GetValue<string>(), i => i!);
        Assert.Equal("cancelled", items[_onboarding.Id]["status"]!.GetValue<string>());
        Assert.Equal("cancelled", items[_standup.InstanceIds[1]]["status"]!.GetValue<string>());
        Assert.Equal(_standup.Id, items[_standup.InstanceIds[1]]["recurringEventId"]!.GetValue<string>());
        Assert.Equal("confirmed", items[_standup.InstanceIds[0]]["status"]!.GetValue<string>());
        Assert.Equal("confirmed", items[added.Id]["status"]!.GetValue<string>());
        Assert.Equal(5, items.Count);

        var (_, quiet) = await ListAsync($"singleEvents=true&syncToken={Uri.EscapeDataString(changes["nextSyncToken"]!.GetValue<string>())}");
        Assert.Empty(quiet["items"]!.AsArray());
    }

    [Fact]
    public async Task An_expired_sync_token_answers_410_full_sync_required()
    {
        var (_, full) = await ListAsync("singleEvents=true");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.CursorExpired, PathPrefix = "/calendar/v3" }, Ct);

        var (status, error) = await ListAsync($"singleEvents=true&syncToken={Uri.EscapeDataString(full["nextSyncToken"]!.GetValue<string>())}");

        Assert.Equal(410, status);
        Assert.Equal("GONE", error["error"]!["status"]!.GetValue<string>());
        Assert.Equal("fullSyncRequired", error["error"]!["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("Sync token is no longer valid, a full sync is required.", error["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sync_token_cannot_be_combined_with_a_time_window()
    {
        var (_, full) = await ListAsync("singleEvents=true");

        var (status, error) = await ListAsync($"syncToken={Uri.EscapeDataString(full["nextSyncToken"]!.GetValue<string>())}&timeMin={Instant(Today)}");

        Assert.Equal(400, status);
        Assert.Equal(400, error["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Other_calendars_are_not_found()
    {
        var (status, _) = await HttpJson.GetAsync(Http, Sandbox.CalendarBaseUrl + "/calendars/someone%40else.example/events", _token, Ct);

        Assert.Equal(404, status);
        Assert.Equal(200, (await HttpJson.GetAsync(Http, Sandbox.CalendarBaseUrl + "/calendars/" + Uri.EscapeDataString(Mailbox) + "/events", _token, Ct)).Status);
    }

    private Task<(int Status, JsonNode Body)> ListAsync(string query) =>
        HttpJson.GetAsync(Http, Sandbox.CalendarBaseUrl + "/calendars/primary/events?" + query, _token, Ct);

    private static string Instant(DateTimeOffset value) => Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

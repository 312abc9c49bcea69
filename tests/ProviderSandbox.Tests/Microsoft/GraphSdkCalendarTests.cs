using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Serialization;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Microsoft;

/// <summary>The real Microsoft Graph SDK against calendarView delta, event reads and JSON batching.</summary>
public sealed class GraphSdkCalendarTests : SandboxTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private GraphServiceClient _graph = null!;
    private string _accessToken = string.Empty;

    private DateTimeOffset Today => new(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft }, Ct);
        _accessToken = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
        _graph = GraphClients.Create(Sandbox.GraphBaseUrl, () => _accessToken);
    }

    [Fact]
    public async Task CalendarView_delta_expands_series_and_reports_cancellations_and_removals()
    {
        var call = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent
        {
            Subject = "Renewal call",
            Start = Today.AddDays(1).AddHours(13),
            End = Today.AddDays(1).AddHours(14),
            Location = "Teams",
            Attendees = [new ScenarioAttendee { Address = "bob@fabrikam.example", Name = "Bob", Response = AttendeeResponse.Accepted }],
        }, Ct);
        var weekly = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent
        {
            Subject = "Weekly review",
            Start = Today.AddHours(8),
            End = Today.AddHours(9),
            TimeZone = "Europe/Berlin",
            Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Weekly, Count = 4 },
        }, Ct);

        var (events, deltaLink) = await ReadRoundAsync(null);

        Assert.Equal(5, events.Count);
        var single = Assert.Single(events, e => e.Id == call.Id);
        Assert.Equal(EventType.SingleInstance, single.Type);
        Assert.Equal("Teams", single.Location!.DisplayName);
        Assert.Equal(ResponseType.Accepted, Assert.Single(single.Attendees!).Status!.Response);
        Assert.Equal("UTC", single.Start!.TimeZone);
        Assert.Equal(call.ICalUId, single.ICalUId);
        var occurrences = events.Where(e => e.SeriesMasterId == weekly.Id).OrderBy(e => e.Start!.DateTime, StringComparer.Ordinal).ToList();
        Assert.Equal(4, occurrences.Count);
        Assert.All(occurrences, o => Assert.Equal(EventType.Occurrence, o.Type));
        Assert.Equal(weekly.InstanceIds, occurrences.Select(o => o.Id));
        Assert.Equal(Today.AddHours(8).ToString("yyyy-MM-dd'T'HH:mm:ss.0000000", System.Globalization.CultureInfo.InvariantCulture), occurrences[0].Start!.DateTime);

        await Sandbox.Control.CancelEventAsync(Mailbox, call.Id, Ct);
        await Sandbox.Control.CancelEventAsync(Mailbox, weekly.InstanceIds[1], Ct);
        var (changes, _) = await ReadRoundAsync(deltaLink);

        Assert.True(Assert.Single(changes, c => c.Id == call.Id).IsCancelled);
        Assert.Equal("deleted", RemovedReason(Assert.Single(changes, c => c.Id == weekly.InstanceIds[1])));
        Assert.Equal(3, changes.Count(c => c.SeriesMasterId == weekly.Id));
    }

    [Fact]
    public async Task Outlook_timezone_preference_converts_start_and_end()
    {
        var added = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Call", Start = Today.AddHours(13), End = Today.AddHours(14) }, Ct);

        var calendarEvent = await _graph.Me.Events[added.Id].GetAsync(c => c.Headers.Add("Prefer", "outlook.timezone=\"W. Europe Standard Time\""), Ct);

        Assert.Equal("W. Europe Standard Time", calendarEvent!.Start!.TimeZone);
        Assert.EndsWith("T14:00:00.0000000", calendarEvent.Start.DateTime, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_master_and_an_occurrence_can_be_read_by_id()
    {
        var weekly = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent
        {
            Subject = "Standup",
            Start = Today.AddHours(9),
            End = Today.AddHours(9).AddMinutes(15),
            Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Daily, Count = 3 },
        }, Ct);

        var master = await _graph.Me.Events[weekly.Id].GetAsync(cancellationToken: Ct);
        var occurrence = await _graph.Me.Events[weekly.InstanceIds[2]].GetAsync(cancellationToken: Ct);

        Assert.Equal(EventType.SeriesMaster, master!.Type);
        Assert.Equal(RecurrencePatternType.Daily, master.Recurrence!.Pattern!.Type);
        Assert.Equal(3, master.Recurrence.Range!.NumberOfOccurrences);
        Assert.Equal(EventType.Occurrence, occurrence!.Type);
        Assert.Equal(weekly.Id, occurrence.SeriesMasterId);
    }

    [Fact]
    public async Task An_expired_calendar_delta_token_is_a_410()
    {
        await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Call", Start = Today.AddHours(13), End = Today.AddHours(14) }, Ct);
        var (_, deltaLink) = await ReadRoundAsync(null);
        await Sandbox.Control.ExpireCursorsAsync(Mailbox, "/v1.0/me/calendarView", Ct);

        var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Me.CalendarView.Delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(cancellationToken: Ct));

        Assert.Equal(410, error.ResponseStatusCode);
        Assert.Equal("syncStateNotFound", error.Error!.Code);
    }

    [Fact]
    public async Task Json_batching_runs_each_request_and_answers_per_id()
    {
        var added = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Hello", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        var batch = new BatchRequestContentCollection(_graph);
        var meId = await batch.AddBatchRequestStepAsync(_graph.Me.ToGetRequestInformation());
        var messageId = await batch.AddBatchRequestStepAsync(_graph.Me.Messages[added.Id].ToGetRequestInformation());
        var missingId = await batch.AddBatchRequestStepAsync(_graph.Me.Messages["AAMkAGmissing"].ToGetRequestInformation());

        var response = await _graph.Batch.PostAsync(batch, Ct);

        Assert.Equal(Mailbox, (await response.GetResponseByIdAsync<User>(meId)).Mail);
        Assert.Equal("Hello", (await response.GetResponseByIdAsync<Message>(messageId)).Subject);
        var statuses = await response.GetResponsesStatusCodesAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, statuses[missingId]);
        var log = await Sandbox.Control.GetRequestsAsync(mailbox: Mailbox, api: "graph", ct: Ct);
        Assert.Equal(3, log.Count(e => e.InBatch));
        Assert.Single(log, e => e.Path.EndsWith("/$batch", StringComparison.Ordinal));
    }

    private async Task<(List<Event> Items, string DeltaLink)> ReadRoundAsync(string? deltaLink)
    {
        var builder = _graph.Me.CalendarView.Delta;
        var page = deltaLink is null
            ? await builder.GetAsDeltaGetResponseAsync(c =>
            {
                c.QueryParameters.StartDateTime = Today.AddDays(-7).ToString("O");
                c.QueryParameters.EndDateTime = Today.AddDays(60).ToString("O");
                c.Headers.Add("Prefer", "odata.maxpagesize=2");
            }, Ct)
            : await builder.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(c => c.Headers.Add("Prefer", "odata.maxpagesize=2"), Ct);
        var items = new List<Event>(page!.Value!);
        while (page!.OdataNextLink is { } next)
        {
            page = await builder.WithUrl(next).GetAsDeltaGetResponseAsync(c => c.Headers.Add("Prefer", "odata.maxpagesize=2"), Ct);
            items.AddRange(page!.Value!);
        }

        return (items, page.OdataDeltaLink!);
    }

    private static string? RemovedReason(Event item) =>
        item.AdditionalData.TryGetValue("@removed", out var removed) && removed is UntypedObject untyped
            && untyped.GetValue().TryGetValue("reason", out var reason) && reason is UntypedString text
            ? text.GetValue()
            : null;
}

using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests;

/// <summary>The sandbox's answers have the shapes of the providers' documented examples (see Fixtures/README.md).</summary>
public sealed class FixtureShapeTests : SandboxTest
{
    private const string Outlook = "adele.vance@contoso.com";
    private const string Gmail = "carl.rivera@gmail.example";
    private string _graphToken = string.Empty;
    private string _googleToken = string.Empty;

    private DateTimeOffset Today => new(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.LoadScenarioAsync(new SandboxScenario
        {
            Mailboxes =
            [
                new ScenarioMailbox
                {
                    Email = Outlook,
                    Provider = SandboxProvider.Microsoft,
                    Messages =
                    [
                        new ScenarioMessage { Subject = "Quarterly review", From = "Megan Bowen <megan.bowen@contoso.com>", To = [Outlook], Body = "Can we meet?", SentAt = Today.AddHours(-5) },
                        new ScenarioMessage { Subject = "Agenda", From = "Megan Bowen <megan.bowen@contoso.com>", To = [Outlook], Body = "Attached.", SentAt = Today.AddHours(-4) },
                    ],
                    Events =
                    [
                        new ScenarioEvent
                        {
                            Subject = "Plan picnic",
                            Body = "Let's plan.",
                            Location = "Conf Room 3",
                            Start = Today.AddDays(1).AddHours(3),
                            End = Today.AddDays(1).AddHours(5),
                            Attendees = [new ScenarioAttendee { Address = "danas@contoso.com", Name = "Dana Swope" }],
                        },
                    ],
                },
                new ScenarioMailbox
                {
                    Email = Gmail,
                    Provider = SandboxProvider.Google,
                    TimeZone = "Europe/Berlin",
                    Messages =
                    [
                        new ScenarioMessage { Thread = "q", Subject = "Quote request", From = "Dana <dana@northwind.example>", To = [Gmail], Body = "Could you send a quote?", SentAt = Today.AddDays(-1) },
                        new ScenarioMessage { Thread = "q", Subject = "Re: Quote request", From = Gmail, To = ["dana@northwind.example"], Body = "Attached.", BodyHtml = "<p>Attached.</p>", SentAt = Today.AddHours(-3) },
                    ],
                    Events =
                    [
                        new ScenarioEvent
                        {
                            Subject = "Standup",
                            Start = Today.AddHours(8),
                            End = Today.AddHours(8).AddMinutes(15),
                            Attendees = [new ScenarioAttendee { Address = "dana@northwind.example", Name = "Dana" }],
                            Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Daily, Count = 2 },
                        },
                    ],
                },
            ],
        }, ct: Ct);
        _graphToken = (await Sandbox.Control.IssueTokensAsync(Outlook, ct: Ct)).AccessToken;
        _googleToken = (await Sandbox.Control.IssueTokensAsync(Gmail, ct: Ct)).AccessToken;
    }

    [Fact]
    public async Task Graph_user() => JsonShape.AssertContains(JsonShape.Load("graph-user.json"), await GraphAsync("/me"), strictTopLevel: true);

    [Fact]
    public async Task Graph_message_delta_pages_and_removals()
    {
        var first = await GraphAsync("/me/mailFolders/inbox/messages/delta()", "odata.maxpagesize=1");
        JsonShape.AssertContains(JsonShape.Load("graph-message-delta-page.json"), first);

        var last = await GraphAsync(first["@odata.nextLink"]!.GetValue<string>()[Sandbox.GraphBaseUrl.Length..], "odata.maxpagesize=1");
        await Sandbox.Control.DeleteMessageAsync(Outlook, first["value"]![0]!["id"]!.GetValue<string>(), ct: Ct);
        var removed = await GraphAsync(last["@odata.deltaLink"]!.GetValue<string>()[Sandbox.GraphBaseUrl.Length..]);
        JsonShape.AssertContains(JsonShape.Load("graph-message-delta-removed.json"), removed, strictTopLevel: true);
        Assert.Equal(3, removed["value"]![0]!.AsObject().Count);
    }

    [Fact]
    public async Task Graph_event_delta()
    {
        var start = Uri.EscapeDataString(Today.ToString("O", CultureInfo.InvariantCulture));
        var end = Uri.EscapeDataString(Today.AddDays(7).ToString("O", CultureInfo.InvariantCulture));

        JsonShape.AssertContains(JsonShape.Load("graph-event-delta.json"), await GraphAsync($"/me/calendarView/delta()?startDateTime={start}&endDateTime={end}"), strictTopLevel: true);
    }

    [Fact]
    public async Task Graph_batch_response()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Sandbox.GraphBaseUrl + "/$batch")
        {
            Content = new StringContent("""{"requests":[{"id":"1","method":"GET","url":"/me?$select=displayName"},{"id":"2","method":"GET","url":"/me/messages/AAMkAGnope"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", _graphToken);

        var (status, body) = await HttpJson.SendAsync(Http, request, Ct);

        Assert.Equal(200, status);
        JsonShape.AssertContains(JsonShape.Load("graph-batch-response.json"), body, strictTopLevel: true);
    }

    [Fact]
    public async Task Graph_errors()
    {
        var fixture = JsonShape.Load("graph-error.json");
        var (notFound, body) = await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me/events/AAMkAGnope", _graphToken, Ct);
        Assert.Equal(404, notFound);
        JsonShape.AssertContains(fixture, body, strictTopLevel: true);

        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Outlook, Kind = FaultKind.Throttle }, Ct);
        var (throttled, throttle) = await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me", _graphToken, Ct);
        Assert.Equal(429, throttled);
        Assert.Equal("TooManyRequests", throttle["error"]!["code"]!.GetValue<string>());
        JsonShape.AssertContains(fixture, throttle, strictTopLevel: true);
    }

    [Fact]
    public async Task Microsoft_token_response_and_error()
    {
        var issued = await Sandbox.Control.IssueTokensAsync(Outlook, new IssueTokensRequest { ClientId = "app" }, Ct);
        var refresh = new Dictionary<string, string> { ["client_id"] = "app", ["grant_type"] = "refresh_token", ["refresh_token"] = issued.RefreshToken! };

        var (status, tokens) = await HttpJson.PostFormAsync(Http, Sandbox.MicrosoftAuthorityUrl + "/organizations/oauth2/v2.0/token", refresh, Ct);
        Assert.Equal(200, status);
        JsonShape.AssertContains(JsonShape.Load("ms-token-response.json"), tokens, strictTopLevel: true);

        var (errorStatus, error) = await HttpJson.PostFormAsync(Http, Sandbox.MicrosoftAuthorityUrl + "/organizations/oauth2/v2.0/token", refresh, Ct);
        Assert.Equal(400, errorStatus);
        JsonShape.AssertContains(JsonShape.Load("ms-token-error.json"), error, strictTopLevel: true);
    }

    [Fact]
    public async Task Google_token_response_and_error()
    {
        var issued = await Sandbox.Control.IssueTokensAsync(Gmail, new IssueTokensRequest { ClientId = "app" }, Ct);
        var refresh = new Dictionary<string, string> { ["client_id"] = "app", ["client_secret"] = "s", ["grant_type"] = "refresh_token", ["refresh_token"] = issued.RefreshToken! };

        var (status, tokens) = await HttpJson.PostFormAsync(Http, Sandbox.GoogleTokenUrl, refresh, Ct);
        Assert.Equal(200, status);
        var expected = JsonShape.Load("google-token-response.json").AsObject();
        expected.Remove("refresh_token");
        JsonShape.AssertContains(expected, tokens, strictTopLevel: true);

        await Sandbox.Control.RevokeTokensAsync(Gmail, Ct);
        var (errorStatus, error) = await HttpJson.PostFormAsync(Http, Sandbox.GoogleTokenUrl, refresh, Ct);
        Assert.Equal(400, errorStatus);
        JsonShape.AssertContains(JsonShape.Load("google-token-error.json"), error, strictTopLevel: true);
    }

    [Fact]
    public async Task Gmail_profile_list_get_and_history()
    {
        JsonShape.AssertContains(JsonShape.Load("gmail-profile.json"), await GmailAsync("users/me/profile"), strictTopLevel: true);
        var list = await GmailAsync("users/me/messages?maxResults=1");
        JsonShape.AssertContains(JsonShape.Load("gmail-messages-list.json"), list, strictTopLevel: true);

        var snapshot = await Sandbox.Control.GetMailboxAsync(Gmail, Ct);
        var received = snapshot.Messages.Single(m => m.Subject == "Quote request").Id;
        var sent = snapshot.Messages.Single(m => m.Subject == "Re: Quote request").Id;
        JsonShape.AssertContains(JsonShape.Load("gmail-message-metadata.json"), await GmailAsync($"users/me/messages/{received}?format=metadata&metadataHeaders=From&metadataHeaders=To"), strictTopLevel: true);
        JsonShape.AssertContains(JsonShape.Load("gmail-message-full.json"), await GmailAsync($"users/me/messages/{sent}?format=full"), strictTopLevel: true);

        var start = snapshot.HistoryId;
        await Sandbox.Control.AddMessageAsync(Gmail, new ScenarioMessage { Subject = "New", From = "dana@northwind.example", To = [Gmail] }, Ct);
        JsonShape.AssertContains(JsonShape.Load("gmail-history.json"), await GmailAsync($"users/me/history?startHistoryId={start}"), strictTopLevel: true);
    }

    [Fact]
    public async Task Google_errors()
    {
        var (status, body) = await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/messages/0000000000000000", _googleToken, Ct);

        Assert.Equal(404, status);
        JsonShape.AssertContains(JsonShape.Load("google-error.json"), body, strictTopLevel: true);
    }

    [Fact]
    public async Task Calendar_events_list()
    {
        var (status, body) = await HttpJson.GetAsync(Http, Sandbox.CalendarBaseUrl + "/calendars/primary/events?singleEvents=true", _googleToken, Ct);

        Assert.Equal(200, status);
        JsonShape.AssertContains(JsonShape.Load("calendar-events-list.json"), body);
    }

    private async Task<JsonNode> GraphAsync(string pathAndQuery, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Sandbox.GraphBaseUrl + pathAndQuery);
        request.Headers.Authorization = new("Bearer", _graphToken);
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        var (status, body) = await HttpJson.SendAsync(Http, request, Ct);
        Assert.Equal(200, status);
        return body;
    }

    private async Task<JsonNode> GmailAsync(string path)
    {
        var (status, body) = await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/" + path, _googleToken, Ct);
        Assert.Equal(200, status);
        return body;
    }
}

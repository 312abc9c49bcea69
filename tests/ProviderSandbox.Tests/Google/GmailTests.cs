using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Google;

/// <summary>The Gmail API over plain HTTP: profile, list, get, threads and history.</summary>
public sealed class GmailTests : SandboxTest
{
    private const string Mailbox = "carl.rivera@gmail.example";
    private string _token = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = Clock.GetUtcNow();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Mailbox,
            Provider = SandboxProvider.Google,
            Messages =
            [
                new ScenarioMessage { Subject = "Old news", From = "dana@northwind.example", To = [Mailbox], Body = "From last month.", SentAt = now.AddDays(-30) },
                new ScenarioMessage { Thread = "quote", Subject = "Quote request", From = "Dana <dana@northwind.example>", To = [Mailbox], Cc = ["sales@northwind.example"], Body = "Could you send a quote for 40 seats?", SentAt = now.AddDays(-2) },
                new ScenarioMessage { Thread = "quote", Subject = "Re: Quote request", From = Mailbox, To = ["dana@northwind.example"], Bcc = ["crm@gmail.example"], Body = "Attached.", BodyHtml = "<p>Attached.</p>", SentAt = now.AddDays(-1) },
            ],
        }, Ct);
        _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
    }

    [Fact]
    public async Task Profile_reports_totals_and_a_string_history_id()
    {
        var (status, profile) = await GetAsync("users/me/profile");

        Assert.Equal(200, status);
        Assert.Equal(Mailbox, profile["emailAddress"]!.GetValue<string>());
        Assert.Equal(3, profile["messagesTotal"]!.GetValue<int>());
        Assert.Equal(2, profile["threadsTotal"]!.GetValue<int>());
        Assert.True(long.TryParse(profile["historyId"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task List_filters_by_after_and_pages_newest_first()
    {
        var after = Clock.GetUtcNow().AddDays(-7).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var (_, first) = await GetAsync($"users/me/messages?q=after:{after}&maxResults=1");
        var (_, second) = await GetAsync($"users/me/messages?q=after:{after}&maxResults=1&pageToken={first["nextPageToken"]!.GetValue<string>()}");

        Assert.Equal(2, first["resultSizeEstimate"]!.GetValue<int>());
        var newest = Assert.Single(first["messages"]!.AsArray())!;
        var older = Assert.Single(second["messages"]!.AsArray())!;
        Assert.Null(second["nextPageToken"]);
        Assert.Equal(newest["threadId"]!.GetValue<string>(), older["threadId"]!.GetValue<string>());
        Assert.Equal(older["id"]!.GetValue<string>(), older["threadId"]!.GetValue<string>());

        var (_, byDate) = await GetAsync("users/me/messages?q=" + Uri.EscapeDataString("after:" + Clock.GetUtcNow().AddDays(-7).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)));
        Assert.Equal(2, byDate["resultSizeEstimate"]!.GetValue<int>());
        var (_, none) = await GetAsync("users/me/messages?q=from:nobody@nowhere.example");
        Assert.Equal(0, none["resultSizeEstimate"]!.GetValue<int>());
        Assert.Null(none["messages"]);
    }

    [Fact]
    public async Task Paging_lists_every_matching_message_once_newest_first_with_ties_broken_by_id()
    {
        // Twelve from Dana (two at a time sharing a sent time, so the page token's id breaks ties), six from others.
        var now = Clock.GetUtcNow();
        await Sandbox.Control.AddMessagesAsync(Mailbox, [.. Enumerable.Range(0, 18).Select(i => new ScenarioMessage
        {
            Thread = $"route-{i}",
            Subject = $"Route change {i}",
            From = i % 3 == 2 ? "ops@elsewhere.example" : "dana@northwind.example",
            To = [Mailbox],
            Body = "Moved to Thursday.",
            SentAt = now.AddHours(-(i / 2)),
        })], Ct);
        var (_, all) = await GetAsync("users/me/messages?q=from:dana@northwind.example&maxResults=500");

        var paged = new List<string>();
        string? token = null;
        do
        {
            var (_, page) = await GetAsync("users/me/messages?q=from:dana@northwind.example&maxResults=5" + (token is null ? string.Empty : $"&pageToken={token}"));
            Assert.Equal(14, page["resultSizeEstimate"]!.GetValue<int>());
            paged.AddRange(page["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            token = page["nextPageToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(14, paged.Distinct().Count());
        Assert.Equal(all["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()), paged);
        var dates = new List<(long Date, string Id)>();
        foreach (var id in paged)
        {
            var (_, message) = await GetAsync($"users/me/messages/{id}?format=minimal");
            dates.Add((long.Parse(message["internalDate"]!.GetValue<string>(), CultureInfo.InvariantCulture), id));
        }

        Assert.Equal(dates.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id, StringComparer.Ordinal), dates);
        Assert.Contains(dates, d => dates.Count(o => o.Date == d.Date) == 2);
    }

    [Fact]
    public async Task Get_answers_metadata_with_only_the_requested_headers()
    {
        var id = await IdOfAsync("Quote request");

        var (status, message) = await GetAsync($"users/me/messages/{id}?format=metadata&metadataHeaders=From&metadataHeaders=To&metadataHeaders=Message-ID");

        Assert.Equal(200, status);
        var headers = message["payload"]!["headers"]!.AsArray().ToDictionary(h => h!["name"]!.GetValue<string>(), h => h!["value"]!.GetValue<string>());
        Assert.Equal(["From", "Message-ID", "To"], headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Dana <dana@northwind.example>", headers["From"]);
        Assert.Null(message["payload"]!["parts"]);
        Assert.Contains("INBOX", message["labelIds"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(
            Clock.GetUtcNow().AddDays(-2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            message["internalDate"]!.GetValue<string>());
        Assert.StartsWith("Could you send", message["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_full_answers_mime_parts_with_base64url_bodies()
    {
        var id = await IdOfAsync("Re: Quote request");

        var (_, message) = await GetAsync($"users/me/messages/{id}?format=full");

        var payload = message["payload"]!;
        Assert.Equal("multipart/alternative", payload["mimeType"]!.GetValue<string>());
        var parts = payload["parts"]!.AsArray();
        Assert.Equal("text/plain", parts[0]!["mimeType"]!.GetValue<string>());
        Assert.Equal("Attached.", Decode(parts[0]!["body"]!["data"]!.GetValue<string>()));
        Assert.Equal("<p>Attached.</p>", Decode(parts[1]!["body"]!["data"]!.GetValue<string>()));
        var headers = payload["headers"]!.AsArray().Select(h => h!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Bcc", headers);
        Assert.Contains("In-Reply-To", headers);
        Assert.Contains("SENT", message["labelIds"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task A_thread_holds_its_messages_oldest_first()
    {
        var id = await IdOfAsync("Quote request");

        var (status, thread) = await GetAsync($"users/me/threads/{id}?format=minimal");

        Assert.Equal(200, status);
        Assert.Equal(["Quote request", "Re: Quote request"], await SubjectsAsync(thread["messages"]!.AsArray()));
    }

    [Fact]
    public async Task History_returns_exactly_the_changes_since_a_history_id()
    {
        var (_, profile) = await GetAsync("users/me/profile");
        var start = profile["historyId"]!.GetValue<string>();
        var added = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Signed!", From = "dana@northwind.example", To = [Mailbox] }, Ct);
        var removed = await IdOfAsync("Old news");
        await Sandbox.Control.DeleteMessageAsync(Mailbox, removed, ct: Ct);

        var (status, history) = await GetAsync($"users/me/history?startHistoryId={start}");

        Assert.Equal(200, status);
        var records = history["history"]!.AsArray();
        Assert.Equal(2, records.Count);
        Assert.Equal(added.Id, records[0]!["messagesAdded"]![0]!["message"]!["id"]!.GetValue<string>());
        Assert.Equal(removed, records[1]!["messagesDeleted"]![0]!["message"]!["id"]!.GetValue<string>());
        Assert.True(long.Parse(history["historyId"]!.GetValue<string>(), CultureInfo.InvariantCulture) > long.Parse(start, CultureInfo.InvariantCulture));
        Assert.True(long.Parse(records[1]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture) > long.Parse(records[0]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        var (_, onlyAdded) = await GetAsync($"users/me/history?startHistoryId={start}&historyTypes=messageAdded");
        Assert.Single(onlyAdded["history"]!.AsArray());
        var (_, caughtUp) = await GetAsync($"users/me/history?startHistoryId={history["historyId"]!.GetValue<string>()}");
        Assert.Null(caughtUp["history"]);
    }

    [Fact]
    public async Task History_answers_404_once_the_start_history_id_expired()
    {
        var (_, profile) = await GetAsync("users/me/profile");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.CursorExpired, PathPrefix = "/gmail/v1" }, Ct);

        var (status, error) = await GetAsync($"users/me/history?startHistoryId={profile["historyId"]!.GetValue<string>()}");

        Assert.Equal(404, status);
        Assert.Equal("NOT_FOUND", error["error"]!["status"]!.GetValue<string>());
        Assert.Equal("notFound", error["error"]!["errors"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_throttle_fault_answers_429_with_retry_after()
    {
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.Throttle, RetryAfterSeconds = 7, Count = 2 }, Ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, Sandbox.GmailBaseUrl + "/users/me/messages");
        request.Headers.Authorization = new("Bearer", _token);
        using var response = await Http.SendAsync(request, Ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Equal("RESOURCE_EXHAUSTED", body["error"]!["status"]!.GetValue<string>());
        Assert.Equal("rateLimitExceeded", body["error"]!["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(429, (await GetAsync("users/me/profile")).Status);
        Assert.Equal(200, (await GetAsync("users/me/profile")).Status);
    }

    [Fact]
    public async Task Tokens_of_another_user_or_provider_are_refused()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "anna@contoso.com", Provider = SandboxProvider.Microsoft }, Ct);
        var microsoftToken = (await Sandbox.Control.IssueTokensAsync("anna@contoso.com", ct: Ct)).AccessToken;

        var (status, error) = await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/profile", microsoftToken, Ct);
        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", error["error"]!["status"]!.GetValue<string>());
        Assert.Equal(401, (await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/profile", null, Ct)).Status);
        Assert.Equal(403, (await GetAsync("users/someone.else@gmail.example/profile")).Status);
        Assert.Equal(200, (await GetAsync($"users/{Mailbox}/profile")).Status);
    }

    private Task<(int Status, JsonNode Body)> GetAsync(string path) => HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/" + path, _token, Ct);

    private async Task<string> IdOfAsync(string subject) =>
        (await Sandbox.Control.GetMailboxAsync(Mailbox, Ct)).Messages.Single(m => m.Subject == subject).Id;

    private async Task<string[]> SubjectsAsync(JsonArray messages)
    {
        var snapshot = await Sandbox.Control.GetMailboxAsync(Mailbox, Ct);
        return [.. messages.Select(m => snapshot.Messages.Single(s => s.Id == m!["id"]!.GetValue<string>()).Subject)];
    }

    private static string Decode(string base64Url) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(base64Url.Replace('-', '+').Replace('_', '/')));
}

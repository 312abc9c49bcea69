using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Control;

/// <summary>
/// The <see cref="FaultKind.OmitFromFeed"/> fault: a message missing from the change feeds (Graph mail delta, Gmail
/// history) while search and gets still find it, until the faults are cleared.
/// </summary>
public sealed class FeedOmissionTests : SandboxTest
{
    private const string Graph = "anna.keller@contoso.com";
    private const string Gmail = "carl.rivera@gmail.example";

    [Fact]
    public async Task Graph_delta_leaves_out_the_next_new_message_that_search_and_get_still_find()
    {
        var token = await MailboxAsync(Graph, SandboxProvider.Microsoft);
        var (_, deltaLink) = await GraphDeltaAsync(token, "me/mailFolders/inbox/messages/delta");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Graph, Kind = FaultKind.OmitFromFeed, Count = 1 }, Ct);
        var hidden = await AddAsync(Graph, "Hidden order");
        var shown = await AddAsync(Graph, "Shown order");

        var (changed, _) = await GraphDeltaAsync(token, deltaLink);
        var (status, found) = await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me/messages?$search=" + Uri.EscapeDataString("\"participants:bob@fabrikam.example\""), token, Ct);
        var (getStatus, _) = await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me/messages/" + hidden, token, Ct);

        Assert.Equal([shown], changed);
        Assert.Equal(200, status);
        Assert.Contains(hidden, Ids(found["value"]!.AsArray()));
        Assert.Equal(200, getStatus);
        Assert.Equal(FaultKind.OmitFromFeed, Assert.Single(await Sandbox.Control.GetFaultsAsync(Ct)).Fault.Kind);
    }

    [Fact]
    public async Task Gmail_history_leaves_out_the_named_message_until_the_faults_are_cleared()
    {
        var token = await MailboxAsync(Gmail, SandboxProvider.Google);
        var (_, profile) = await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/profile", token, Ct);
        var start = profile["historyId"]!.GetValue<string>();
        var hidden = await AddAsync(Gmail, "Hidden order");
        var shown = await AddAsync(Gmail, "Shown order");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Gmail, Kind = FaultKind.OmitFromFeed, ItemId = hidden }, Ct);

        var (_, history) = await HttpJson.GetAsync(Http, $"{Sandbox.GmailBaseUrl}/users/me/history?startHistoryId={start}", token, Ct);
        var (_, found) = await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/messages?q=" + Uri.EscapeDataString("from:bob@fabrikam.example"), token, Ct);
        await Sandbox.Control.ClearFaultsAsync(Ct);
        var (_, cleared) = await HttpJson.GetAsync(Http, $"{Sandbox.GmailBaseUrl}/users/me/history?startHistoryId={start}", token, Ct);

        Assert.Equal([shown], HistoryIds(history));
        Assert.Contains(hidden, Ids(found["messages"]!.AsArray()));
        Assert.Equal([hidden, shown], HistoryIds(cleared));
    }

    private async Task<string> MailboxAsync(string email, SandboxProvider provider)
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = email, Provider = provider }, Ct);
        return (await Sandbox.Control.IssueTokensAsync(email, ct: Ct)).AccessToken;
    }

    private async Task<string> AddAsync(string email, string subject) =>
        (await Sandbox.Control.AddMessageAsync(email, new ScenarioMessage { Subject = subject, From = "bob@fabrikam.example", To = [email], Body = "Forty seats." }, Ct)).Id;

    /// <summary>One delta round from a path or a delta link: the ids of the changed messages and the round's delta link.</summary>
    private async Task<(List<string> Ids, string DeltaLink)> GraphDeltaAsync(string token, string pathOrLink)
    {
        var url = pathOrLink.StartsWith("http", StringComparison.Ordinal) ? pathOrLink : Sandbox.GraphBaseUrl + "/" + pathOrLink;
        var ids = new List<string>();
        while (true)
        {
            var (_, page) = await HttpJson.GetAsync(Http, url, token, Ct);
            ids.AddRange(Ids(page["value"]!.AsArray()));
            if (page["@odata.deltaLink"] is { } delta)
            {
                return (ids, delta.GetValue<string>());
            }

            url = page["@odata.nextLink"]!.GetValue<string>();
        }
    }

    private static List<string> Ids(JsonArray items) => [.. items.Select(i => i!["id"]!.GetValue<string>())];

    private static List<string> HistoryIds(JsonNode history) =>
        [.. (history["history"]?.AsArray() ?? []).SelectMany(r => r!["messagesAdded"]?.AsArray() ?? []).Select(a => a!["message"]!["id"]!.GetValue<string>())];
}

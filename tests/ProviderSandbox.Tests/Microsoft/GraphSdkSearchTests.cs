using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Microsoft;

/// <summary>The real Graph SDK against message listing with <c>$search</c> (KQL subset) and against a message with invalid dates.</summary>
public sealed class GraphSdkSearchTests : SandboxTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private GraphServiceClient _graph = null!;
    private string _accessToken = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = Clock.GetUtcNow();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages =
            [
                new ScenarioMessage { Subject = "From Bob", From = "bob@fabrikam.example", To = [Mailbox], SentAt = now.AddDays(-1) },
                new ScenarioMessage { Subject = "Cc Bob", From = "carol@contoso.com", To = [Mailbox], Cc = ["bob@fabrikam.example"], SentAt = now.AddDays(-2) },
                new ScenarioMessage { Subject = "To Bob", From = Mailbox, To = ["bob@fabrikam.example"], SentAt = now.AddDays(-3) },
                new ScenarioMessage { Subject = "Old Bob", From = "bob@fabrikam.example", To = [Mailbox], SentAt = now.AddDays(-30) },
                new ScenarioMessage { Subject = "Unrelated", From = "carol@contoso.com", To = [Mailbox], SentAt = now.AddDays(-1) },
            ],
        }, Ct);
        _accessToken = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
        _graph = GraphClients.Create(Sandbox.GraphBaseUrl, () => _accessToken);
    }

    [Fact]
    public async Task Search_on_participants_and_received_date_pages_newest_first_through_next_links()
    {
        var since = Clock.GetUtcNow().AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var first = await _graph.Me.Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = $"\"participants:bob@fabrikam.example AND received>={since}\"";
            r.QueryParameters.Select = ["subject"];
            r.QueryParameters.Top = 2;
        }, Ct);
        var second = await _graph.Me.Messages.WithUrl(first!.OdataNextLink!).GetAsync(cancellationToken: Ct);

        Assert.Equal(["From Bob", "Cc Bob"], first.Value!.Select(m => m.Subject));
        Assert.Equal(["To Bob"], second!.Value!.Select(m => m.Subject));
        Assert.Null(second.OdataNextLink);
        Assert.All(first.Value!, m => Assert.Null(m.From));
        Assert.Contains("$skiptoken=", Uri.UnescapeDataString(first.OdataNextLink!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ORs_grouped_participants_and_refuses_an_unbalanced_group()
    {
        var since = Clock.GetUtcNow().AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var both = await _graph.Me.Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = $"\"(participants:bob@fabrikam.example OR participants:carol@contoso.com) AND received>={since}\"";
            r.QueryParameters.Select = ["subject"];
        }, Ct);
        var carolOrOld = await _graph.Me.Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = $"\"from:carol@contoso.com received>={since} OR subject:Old\"";
            r.QueryParameters.Select = ["subject"];
        }, Ct);

        Assert.Equal(["Cc Bob", "From Bob", "To Bob", "Unrelated"], both!.Value!.Select(m => m.Subject!).Order(StringComparer.Ordinal));
        Assert.Equal(["Cc Bob", "Old Bob", "Unrelated"], carolOrOld!.Value!.Select(m => m.Subject!).Order(StringComparer.Ordinal));
        var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Me.Messages.GetAsync(r => r.QueryParameters.Search = "\"(participants:bob@fabrikam.example\"", Ct));
        Assert.Equal(400, error.ResponseStatusCode);
    }

    [Fact]
    public async Task A_folder_search_only_sees_that_folder_and_search_with_filter_is_refused()
    {
        var sent = await _graph.Me.MailFolders["sentitems"].Messages.GetAsync(r => r.QueryParameters.Search = "\"participants:bob@fabrikam.example\"", Ct);

        Assert.Equal(["To Bob"], sent!.Value!.Select(m => m.Subject));
        var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Me.Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = "\"bob\"";
            r.QueryParameters.Filter = "isRead eq false";
        }, Ct));
        Assert.Equal(400, error.ResponseStatusCode);
    }

    [Fact]
    public async Task A_message_stored_with_invalid_dates_renders_unparsable_dates()
    {
        var broken = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Broken", From = "bob@fabrikam.example", To = [Mailbox], InvalidDates = true }, Ct);
        var (status, body) = await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me/messages/" + broken.Id, _accessToken, Ct);

        Assert.Equal(200, status);
        Assert.Equal("not-a-date", body["sentDateTime"]!.GetValue<string>());
        Assert.Equal("not-a-date", body["receivedDateTime"]!.GetValue<string>());
    }
}

using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Serialization;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;
using DeltaResponse = Microsoft.Graph.Me.MailFolders.Item.Messages.Delta.DeltaGetResponse;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Microsoft;

/// <summary>The real Microsoft Graph SDK (Kiota) against the sandbox's message delta.</summary>
public sealed class GraphSdkMailTests : SandboxTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private GraphServiceClient _graph = null!;
    private string _accessToken = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [.. Enumerable.Range(1, 5).Select(i => new ScenarioMessage
            {
                Subject = $"Renewal question {i}",
                From = "Bob Customer <bob@fabrikam.example>",
                To = [Mailbox],
                Body = $"Question number {i}.",
                SentAt = Clock.GetUtcNow().AddHours(-i),
            })],
        }, Ct);
        _accessToken = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
        _graph = GraphClients.Create(Sandbox.GraphBaseUrl, () => _accessToken);
    }

    [Fact]
    public async Task Delta_pages_through_the_inbox_then_resumes_with_only_the_changes()
    {
        var (messages, deltaLink) = await ReadRoundAsync(null);

        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.StartsWith("Renewal question", m.Subject, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Equal("bob@fabrikam.example", m.From!.EmailAddress!.Address));
        Assert.All(messages, m => Assert.Null(m.Body));
        var requests = await Sandbox.Control.GetRequestsAsync(mailbox: Mailbox, pathPrefix: "/v1.0/me/mailFolders", ct: Ct);
        Assert.Equal(3, requests.Count);

        var added = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage
        {
            Subject = "Signed contract",
            From = "bob@fabrikam.example",
            To = [Mailbox],
        }, Ct);
        await Sandbox.Control.DeleteMessageAsync(Mailbox, messages[0].Id!, ct: Ct);
        await Sandbox.Control.DeleteMessageAsync(Mailbox, messages[1].Id!, soft: true, ct: Ct);

        var (changes, nextDeltaLink) = await ReadRoundAsync(deltaLink);

        Assert.Equal(3, changes.Count);
        Assert.Equal("Signed contract", Assert.Single(changes, c => c.Id == added.Id).Subject);
        Assert.Equal("deleted", RemovedReason(Assert.Single(changes, c => c.Id == messages[0].Id)));
        Assert.Equal("changed", RemovedReason(Assert.Single(changes, c => c.Id == messages[1].Id)));

        var (nothing, _) = await ReadRoundAsync(nextDeltaLink);
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task An_expired_delta_token_is_a_410_sync_state_not_found()
    {
        var (_, deltaLink) = await ReadRoundAsync(null);
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.CursorExpired, PathPrefix = "/v1.0" }, Ct);

        var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Me.MailFolders["inbox"].Messages.Delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(cancellationToken: Ct));

        Assert.Equal(410, error.ResponseStatusCode);
        Assert.Equal("syncStateNotFound", error.Error!.Code);

        var (restarted, _) = await ReadRoundAsync(null);
        Assert.Equal(5, restarted.Count);
    }

    [Fact]
    public async Task A_throttled_call_is_retried_by_the_sdk_after_retry_after()
    {
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/mailFolders", RetryAfterSeconds = 1 }, Ct);

        var folder = await _graph.Me.MailFolders["inbox"].GetAsync(cancellationToken: Ct);

        Assert.Equal("Inbox", folder!.DisplayName);
        Assert.Equal(5, folder.TotalItemCount);
        var calls = await Sandbox.Control.GetRequestsAsync(mailbox: Mailbox, pathPrefix: "/v1.0/me/mailFolders/inbox", ct: Ct);
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].Timestamp >= calls[0].Timestamp);
    }

    [Fact]
    public async Task Messages_have_graph_property_names_and_formats()
    {
        var (messages, _) = await ReadRoundAsync(null, select: null);
        var message = await _graph.Me.Messages[messages[0].Id].GetAsync(c => c.Headers.Add("Prefer", "IdType=\"ImmutableId\""), Ct);

        Assert.NotNull(message);
        Assert.Equal(messages[0].Id, message.Id);
        Assert.NotNull(message.ConversationId);
        Assert.Matches("^<.+@fabrikam.example>$", message.InternetMessageId);
        Assert.Equal(BodyType.Text, message.Body!.ContentType);
        Assert.StartsWith("Question number", message.Body.Content, StringComparison.Ordinal);
        Assert.Equal(Mailbox, Assert.Single(message.ToRecipients!).EmailAddress!.Address);
        Assert.NotNull(message.SentDateTime);
        Assert.False(message.IsDraft);
        var inbox = await _graph.Me.MailFolders["inbox"].GetAsync(cancellationToken: Ct);
        Assert.Equal(inbox!.Id, message.ParentFolderId);
    }

    [Fact]
    public async Task Delta_honours_a_received_date_filter_and_body_and_id_preferences()
    {
        var since = Clock.GetUtcNow().AddHours(-2).AddMinutes(-30);
        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage
        {
            Subject = "Formatted",
            From = "bob@fabrikam.example",
            To = [Mailbox],
            Body = "Plain",
            BodyHtml = "<p>Rich <b>text</b></p>",
        }, Ct);

        var page = await _graph.Me.MailFolders["inbox"].Messages.Delta.GetAsDeltaGetResponseAsync(c =>
        {
            c.QueryParameters.Filter = $"receivedDateTime ge {since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
            c.Headers.Add("Prefer", "outlook.body-content-type=\"text\"");
            c.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        }, Ct);

        Assert.Equal(["Formatted", "Renewal question 1", "Renewal question 2"], page!.Value!.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var formatted = page.Value!.Single(m => m.Subject == "Formatted");
        Assert.Equal(BodyType.Text, formatted.Body!.ContentType);
        Assert.Equal("Rich text", formatted.Body.Content);
        var applied = (await Sandbox.Control.GetRequestsAsync(mailbox: Mailbox, ct: Ct))[^1];
        Assert.Contains("receivedDateTime", Uri.UnescapeDataString(applied.Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_message_is_an_odata_error_404()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Me.Messages["AAMkAGnope"].GetAsync(cancellationToken: Ct));

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("ErrorItemNotFound", error.Error!.Code);
    }

    private async Task<(List<Message> Items, string DeltaLink)> ReadRoundAsync(string? deltaLink, string[]? select = null)
    {
        var builder = _graph.Me.MailFolders["inbox"].Messages.Delta;
        DeltaResponse? page = deltaLink is null
            ? await builder.GetAsDeltaGetResponseAsync(c =>
            {
                c.QueryParameters.Select = select ?? ["subject", "from", "receivedDateTime"];
                c.Headers.Add("Prefer", "odata.maxpagesize=2");
            }, Ct)
            : await builder.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(c => c.Headers.Add("Prefer", "odata.maxpagesize=2"), Ct);
        var items = new List<Message>(page!.Value!);
        while (page!.OdataNextLink is { } next)
        {
            page = await builder.WithUrl(next).GetAsDeltaGetResponseAsync(c => c.Headers.Add("Prefer", "odata.maxpagesize=2"), Ct);
            items.AddRange(page!.Value!);
        }

        return (items, page.OdataDeltaLink!);
    }

    private static string? RemovedReason(Message message) =>
        message.AdditionalData.TryGetValue("@removed", out var removed) && removed is UntypedObject untyped
            && untyped.GetValue().TryGetValue("reason", out var reason) && reason is UntypedString text
            ? text.GetValue()
            : null;
}

using System.Net;
using System.Text;
using Microsoft.Graph;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Control;

/// <summary>A message's extra headers, as each provider serves them: Graph's <c>internetMessageHeaders</c>, Gmail's payload and raw message.</summary>
public sealed class MessageHeadersTests : SandboxTest
{
    private static readonly ScenarioHeader[] Extra = [new("List-Id", "Yard news <news.list.example>"), new("Precedence", "bulk")];

    [Fact]
    public async Task Graph_lists_the_extra_headers_in_internetMessageHeaders_when_selected_also_through_batch()
    {
        const string mailbox = "anna@contoso.com";
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = mailbox, Provider = SandboxProvider.Microsoft }, Ct);
        var added = await Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage { Subject = "News", From = "news@list.example", To = [mailbox], Headers = Extra }, Ct);
        var token = (await Sandbox.Control.IssueTokensAsync(mailbox, ct: Ct)).AccessToken;
        var graph = GraphClients.Create(Sandbox.GraphBaseUrl, () => token);

        var selected = await graph.Me.Messages[added.Id].GetAsync(r => r.QueryParameters.Select = ["internetMessageHeaders"], Ct);
        var plain = await graph.Me.Messages[added.Id].GetAsync(cancellationToken: Ct);
        var batch = new BatchRequestContentCollection(graph);
        var step = await batch.AddBatchRequestStepAsync(graph.Me.Messages[added.Id].ToGetRequestInformation(r => r.QueryParameters.Select = ["body", "internetMessageHeaders"]));
        var batched = await (await graph.Batch.PostAsync(batch, Ct)).GetResponseByIdAsync<global::Microsoft.Graph.Models.Message>(step);

        Assert.Equal(["Message-ID", "Subject", "List-Id", "Precedence"], selected!.InternetMessageHeaders!.Select(h => h.Name));
        Assert.Equal("bulk", selected.InternetMessageHeaders!.Single(h => h.Name == "Precedence").Value);
        Assert.Null(plain!.InternetMessageHeaders);
        Assert.Equal("Yard news <news.list.example>", batched.InternetMessageHeaders!.Single(h => h.Name == "List-Id").Value);
    }

    [Fact]
    public async Task Gmail_serves_the_extra_headers_in_metadata_full_and_raw()
    {
        const string mailbox = "carl@gmail.example";
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = mailbox, Provider = SandboxProvider.Google }, Ct);
        var added = await Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage { Subject = "News", From = "news@list.example", To = [mailbox], Body = "Hi", Headers = Extra }, Ct);
        var token = (await Sandbox.Control.IssueTokensAsync(mailbox, ct: Ct)).AccessToken;
        var url = $"{Sandbox.GmailBaseUrl}/users/me/messages/{added.Id}";

        var (_, metadata) = await HttpJson.GetAsync(Http, url + "?format=metadata&metadataHeaders=List-Id&metadataHeaders=From", token, Ct);
        var (_, full) = await HttpJson.GetAsync(Http, url + "?format=full", token, Ct);
        var (_, raw) = await HttpJson.GetAsync(Http, url + "?format=raw", token, Ct);

        Assert.Equal(["From", "List-Id"], metadata["payload"]!["headers"]!.AsArray().Select(h => h!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var fullHeaders = full["payload"]!["headers"]!.AsArray().ToDictionary(h => h!["name"]!.GetValue<string>(), h => h!["value"]!.GetValue<string>());
        Assert.Equal("bulk", fullHeaders["Precedence"]);
        Assert.Equal("Yard news <news.list.example>", fullHeaders["List-Id"]);
        var rfc822 = Encoding.UTF8.GetString(Convert.FromBase64String(raw["raw"]!.GetValue<string>().Replace('-', '+').Replace('_', '/')));
        Assert.Contains("\r\nPrecedence: bulk\r\n", rfc822, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("List Id", "x")]
    [InlineData("List:Id", "x")]
    [InlineData("", "x")]
    [InlineData("Precedence", "bulk\r\nBcc: someone@else.example")]
    public async Task A_header_that_would_break_the_message_is_refused(string name, string value)
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "carl@gmail.example", Provider = SandboxProvider.Google }, Ct);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Sandbox.Control.AddMessageAsync(
            "carl@gmail.example", new ScenarioMessage { Subject = "x", From = "a@b.example", Headers = [new ScenarioHeader(name, value)] }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty((await Sandbox.Control.GetMailboxAsync("carl@gmail.example", Ct)).Messages);
    }
}

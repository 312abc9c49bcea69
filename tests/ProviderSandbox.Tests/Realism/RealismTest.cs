using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Realism;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Realism;

/// <summary>Two Google and two Microsoft mailboxes with tokens, and helpers to call them and to watch the realism gate.</summary>
public abstract class RealismTest : SandboxTest
{
    protected const string Gmail = "ann@gmail.example";
    protected const string OtherGmail = "ben@gmail.example";
    protected const string Graph = "cora@contoso.com";
    protected const string OtherGraph = "dirk@contoso.com";

    private readonly Dictionary<string, string> _tokens = [];

    private protected RealismGate Gate => (RealismGate)Sandbox.Services.GetService(typeof(RealismGate))!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddMailboxesAsync();
    }

    /// <summary>Adds the four mailboxes and issues their tokens (again after a sandbox reset).</summary>
    protected async Task AddMailboxesAsync()
    {
        foreach (var (email, provider) in new[] { (Gmail, SandboxProvider.Google), (OtherGmail, SandboxProvider.Google), (Graph, SandboxProvider.Microsoft), (OtherGraph, SandboxProvider.Microsoft) })
        {
            await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = email, Provider = provider }, Ct);
            _tokens[email] = (await Sandbox.Control.IssueTokensAsync(email, ct: Ct)).AccessToken;
        }
    }

    protected Task<HttpResponseMessage> SendAsync(string mailbox, HttpMethod method, string url, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[mailbox]);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request, Ct);
    }

    protected Task<HttpResponseMessage> GmailAsync(string mailbox, string path, HttpMethod? method = null, string? json = null) =>
        SendAsync(mailbox, method ?? HttpMethod.Get, Sandbox.GmailBaseUrl + "/users/me/" + path, json);

    protected Task<HttpResponseMessage> WatchAsync(string mailbox) =>
        GmailAsync(mailbox, "watch", HttpMethod.Post, """{"topicName":"projects/bench/topics/gmail"}""");

    protected Task<HttpResponseMessage> GraphMeAsync(string mailbox) => SendAsync(mailbox, HttpMethod.Get, Sandbox.GraphBaseUrl + "/me");

    protected static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    protected Task SetAsync(RealismUpdate update) => Sandbox.Control.SetRealismAsync(update, Ct);

    /// <summary>Polls the sandbox's state until <paramref name="condition"/> holds (the test's timeout bounds it).</summary>
    protected async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5, Ct);
        }
    }
}

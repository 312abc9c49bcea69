using System.Net;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Control;

public sealed class ControlApiTests : SandboxTest
{
    protected override void Configure(SandboxOptions options) => options.ScenarioFile = "scenarios/sample.json";

    [Fact]
    public async Task The_sample_scenario_loads_at_start_with_times_relative_to_the_clock()
    {
        var mailboxes = await Sandbox.Control.GetMailboxesAsync(Ct);

        Assert.Equal(["anna.keller@contoso.com", "carl.rivera@gmail.example"], mailboxes.Select(m => m.Email));
        var anna = await Sandbox.Control.GetMailboxAsync("anna.keller@contoso.com", Ct);
        Assert.Equal(SandboxProvider.Microsoft, anna.Provider);
        Assert.Equal(Clock.GetUtcNow().AddDays(-3), anna.Messages[0].SentAt);
        Assert.Equal("inbox", anna.Messages[0].Folder);
        Assert.Equal("sentitems", anna.Messages[1].Folder);
        Assert.Equal(anna.Messages[0].ThreadId, anna.Messages[1].ThreadId);
        var weekly = anna.Events.Single(e => e.Subject == "Weekly account review");
        Assert.Equal(6, weekly.InstanceIds.Count);
    }

    [Fact]
    public async Task The_request_log_records_calls_with_their_mailbox_and_can_be_filtered_and_cleared()
    {
        var tokens = await Sandbox.Control.IssueTokensAsync("carl.rivera@gmail.example", ct: Ct);
        await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/profile", tokens.AccessToken, Ct);
        await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/messages?q=in:inbox", tokens.AccessToken, Ct);
        await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/profile", "not-a-token", Ct);
        await HttpJson.PostFormAsync(Http, Sandbox.GoogleTokenUrl, new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-client",
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.RefreshToken!,
        }, Ct);

        var all = await Sandbox.Control.GetRequestsAsync(ct: Ct);
        var carl = await Sandbox.Control.GetRequestsAsync(mailbox: "carl.rivera@gmail.example", ct: Ct);
        var lists = await Sandbox.Control.GetRequestsAsync(pathPrefix: "/gmail/v1/users/me/messages", ct: Ct);

        Assert.Equal(4, all.Count);
        Assert.Equal(3, carl.Count);
        Assert.Equal(["gmail", "gmail", "google-oauth"], carl.Select(e => e.Api));
        var list = Assert.Single(lists);
        Assert.Equal("?q=in:inbox", list.Query);
        Assert.Equal("/gmail/v1/users/me/messages?q=in:inbox", list.PathAndQuery);
        Assert.Equal(Clock.GetUtcNow(), list.Timestamp);
        Assert.Equal(401, all.Single(e => e.Mailbox is null).Status);
        Assert.Single(await Sandbox.Control.GetRequestsAsync(afterSequence: all[^2].Sequence, ct: Ct));

        await Sandbox.Control.ClearRequestsAsync(Ct);
        Assert.Empty(await Sandbox.Control.GetRequestsAsync(ct: Ct));
    }

    [Fact]
    public async Task Authorize_without_login_hint_uses_the_consent_default()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "second@contoso.com", Provider = SandboxProvider.Microsoft }, Ct);
        string Url(PkcePair pkce) => OAuthBrowser.Url(Sandbox.MicrosoftAuthorityUrl + "/common/oauth2/v2.0/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "app",
            ["response_type"] = "code",
            ["redirect_uri"] = "http://localhost/callback",
            ["scope"] = "openid",
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        });

        var ambiguous = await OAuthBrowser.AuthorizeAsync(Http, Url(PkcePair.Create()), Ct);
        Assert.Equal("access_denied", ambiguous["error"]);

        await Sandbox.Control.SetConsentDefaultAsync(SandboxProvider.Microsoft, "second@contoso.com", Ct);
        var pkce = PkcePair.Create();
        var callback = await OAuthBrowser.AuthorizeAsync(Http, Url(pkce), Ct);
        var (status, tokens) = await HttpJson.PostFormAsync(Http, Sandbox.MicrosoftAuthorityUrl + "/common/oauth2/v2.0/token", new Dictionary<string, string>
        {
            ["client_id"] = "app",
            ["grant_type"] = "authorization_code",
            ["code"] = callback["code"],
            ["redirect_uri"] = "http://localhost/callback",
            ["code_verifier"] = pkce.Verifier,
        }, Ct);

        Assert.Equal(200, status);
        Assert.Equal("second@contoso.com", Jwt.Claims(tokens["id_token"]!.GetValue<string>())["preferred_username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_control_requests_answer_problems_with_the_right_status()
    {
        var missing = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sandbox.Control.AddMessageAsync("nobody@contoso.com", new ScenarioMessage { Subject = "x", From = "a@b.example" }, Ct));
        var duplicate = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "anna.keller@contoso.com", Provider = SandboxProvider.Microsoft }, Ct));
        var badZone = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sandbox.Control.AddEventAsync("anna.keller@contoso.com", new ScenarioEvent { Subject = "x", Start = Clock.GetUtcNow(), End = Clock.GetUtcNow(), TimeZone = "Mars/Olympus" }, Ct));
        var backwards = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sandbox.Control.AddEventAsync("anna.keller@contoso.com", new ScenarioEvent { Subject = "x", Start = Clock.GetUtcNow(), End = Clock.GetUtcNow().AddHours(-1) }, Ct));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_mailbox_revokes_its_tokens_and_reset_forgets_everything()
    {
        var tokens = await Sandbox.Control.IssueTokensAsync("anna.keller@contoso.com", ct: Ct);
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = "carl.rivera@gmail.example", Kind = FaultKind.ServiceUnavailable, Count = 3 }, Ct);
        Assert.Equal(3, Assert.Single(await Sandbox.Control.GetFaultsAsync(Ct)).Remaining);

        await Sandbox.Control.DeleteMailboxAsync("anna.keller@contoso.com", Ct);
        Assert.Equal(401, (await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me", tokens.AccessToken, Ct)).Status);

        await Sandbox.Control.ResetAsync(Ct);
        Assert.Empty(await Sandbox.Control.GetMailboxesAsync(Ct));
        Assert.Empty(await Sandbox.Control.GetFaultsAsync(Ct));
    }

    [Fact]
    public async Task A_service_unavailable_fault_answers_503_with_retry_after_in_the_api_words()
    {
        var tokens = await Sandbox.Control.IssueTokensAsync("anna.keller@contoso.com", ct: Ct);
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = "anna.keller@contoso.com", Kind = FaultKind.ServiceUnavailable, RetryAfterSeconds = 3 }, Ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, Sandbox.GraphBaseUrl + "/me");
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);
        using var response = await Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        Assert.Contains("serviceNotAvailable", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Google_revoke_kills_the_grant()
    {
        var tokens = await Sandbox.Control.IssueTokensAsync("carl.rivera@gmail.example", ct: Ct);

        using var response = await Http.PostAsync(new Uri(Sandbox.Urls.GoogleRevokeUrl + "?token=" + Uri.EscapeDataString(tokens.RefreshToken!)), null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(401, (await HttpJson.GetAsync(Http, Sandbox.CalendarBaseUrl + "/calendars/primary/events", tokens.AccessToken, Ct)).Status);
    }

    [Fact]
    public async Task The_urls_match_the_contract_configuration_keys()
    {
        var configuration = Sandbox.Urls.ToConfiguration();

        Assert.Equal(Sandbox.BaseUrl, configuration["Providers:Microsoft:AuthorityUrl"]);
        Assert.Equal(Sandbox.BaseUrl + "/v1.0", configuration["Providers:Microsoft:GraphBaseUrl"]);
        Assert.Equal(Sandbox.BaseUrl + "/o/oauth2/v2/auth", configuration["Providers:Google:AuthorizeUrl"]);
        Assert.Equal(Sandbox.BaseUrl + "/token", configuration["Providers:Google:TokenUrl"]);
        Assert.Equal(Sandbox.BaseUrl + "/gmail/v1", configuration["Providers:Google:GmailBaseUrl"]);
        Assert.Equal(Sandbox.BaseUrl + "/calendar/v3", configuration["Providers:Google:CalendarBaseUrl"]);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", Sandbox.BaseUrl);
    }
}

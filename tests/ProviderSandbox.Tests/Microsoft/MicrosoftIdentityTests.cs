using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Microsoft;

public sealed class MicrosoftIdentityTests : SandboxTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string RedirectUri = "https://navusoft.example/api/links/callback/microsoft";
    private const string Scope = "openid profile email offline_access https://graph.microsoft.com/Mail.Read https://graph.microsoft.com/Calendars.Read";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft, DisplayName = "Anna Keller" }, Ct);
    }

    [Fact]
    public async Task Authorization_code_with_pkce_yields_tokens_and_an_id_token_naming_the_user()
    {
        var pkce = PkcePair.Create();
        var callback = await AuthorizeAsync(pkce, state: "xyz-123");
        Assert.Equal("xyz-123", callback["state"]);

        var (status, body) = await RedeemAsync(callback["code"], pkce.Verifier);

        Assert.Equal(200, status);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.NotNull(body["refresh_token"]);
        var claims = Jwt.Claims(body["id_token"]!.GetValue<string>());
        Assert.Equal(Mailbox, claims["preferred_username"]!.GetValue<string>());
        Assert.Equal(Mailbox, claims["email"]!.GetValue<string>());
        Assert.Equal("Anna Keller", claims["name"]!.GetValue<string>());
        Assert.True(Guid.TryParse(claims["oid"]!.GetValue<string>(), out _));
        Assert.True(Guid.TryParse(claims["tid"]!.GetValue<string>(), out _));
        Assert.Equal(ClientId, claims["aud"]!.GetValue<string>());

        var (meStatus, me) = await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me", body["access_token"]!.GetValue<string>(), Ct);
        Assert.Equal(200, meStatus);
        Assert.Equal(Mailbox, me["mail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_an_invalid_grant()
    {
        var callback = await AuthorizeAsync(PkcePair.Create());

        var (status, body) = await RedeemAsync(callback["code"], PkcePair.Create().Verifier);

        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Equal(501481, body["error_codes"]![0]!.GetValue<int>());
        Assert.StartsWith("AADSTS501481", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_single_use()
    {
        var pkce = PkcePair.Create();
        var callback = await AuthorizeAsync(pkce);
        Assert.Equal(200, (await RedeemAsync(callback["code"], pkce.Verifier)).Status);

        var (status, body) = await RedeemAsync(callback["code"], pkce.Verifier);

        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Equal(54005, body["error_codes"]![0]!.GetValue<int>());
    }

    [Fact]
    public async Task A_code_expires_after_ten_minutes()
    {
        var pkce = PkcePair.Create();
        var callback = await AuthorizeAsync(pkce);
        Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var (status, body) = await RedeemAsync(callback["code"], pkce.Verifier);

        Assert.Equal(400, status);
        Assert.Equal(70008, body["error_codes"]![0]!.GetValue<int>());
    }

    [Fact]
    public async Task The_redirect_uri_must_match_the_one_authorized()
    {
        var pkce = PkcePair.Create();
        var callback = await AuthorizeAsync(pkce);

        var (status, body) = await RedeemAsync(callback["code"], pkce.Verifier, redirectUri: "https://elsewhere.example/callback");

        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_the_used_one_dies()
    {
        var pkce = PkcePair.Create();
        var (_, tokens) = await RedeemAsync((await AuthorizeAsync(pkce))["code"], pkce.Verifier);
        var first = tokens["refresh_token"]!.GetValue<string>();

        var (status, refreshed) = await RefreshAsync(first);
        Assert.Equal(200, status);
        var second = refreshed["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        Assert.NotEqual(tokens["access_token"]!.GetValue<string>(), refreshed["access_token"]!.GetValue<string>());

        var (reuseStatus, reuse) = await RefreshAsync(first);
        Assert.Equal(400, reuseStatus);
        Assert.Equal("invalid_grant", reuse["error"]!.GetValue<string>());
        Assert.Equal(200, (await RefreshAsync(second)).Status);
    }

    [Fact]
    public async Task An_invalid_grant_fault_fails_the_next_refresh_only()
    {
        var issued = await Sandbox.Control.IssueTokensAsync(Mailbox, new IssueTokensRequest { ClientId = ClientId }, Ct);
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.InvalidGrant }, Ct);

        var (status, body) = await RefreshAsync(issued.RefreshToken!);
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Equal(50173, body["error_codes"]![0]!.GetValue<int>());

        Assert.Equal(200, (await RefreshAsync(issued.RefreshToken!)).Status);
    }

    [Fact]
    public async Task Authorize_requires_pkce_with_s256()
    {
        var url = OAuthBrowser.Url(Sandbox.MicrosoftAuthorityUrl + "/common/oauth2/v2.0/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = Scope,
            ["state"] = "s1",
        });

        var callback = await OAuthBrowser.AuthorizeAsync(Http, url, Ct);

        Assert.Equal("invalid_request", callback["error"]);
        Assert.Equal("s1", callback["state"]);
        Assert.False(callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Without_offline_access_there_is_no_refresh_token()
    {
        var pkce = PkcePair.Create();
        var callback = await AuthorizeAsync(pkce, scope: "openid https://graph.microsoft.com/Mail.Read");

        var (_, body) = await RedeemAsync(callback["code"], pkce.Verifier);

        Assert.Null(body["refresh_token"]);
        Assert.NotNull(body["access_token"]);
    }

    [Fact]
    public async Task Expired_access_tokens_answer_401_invalid_authentication_token()
    {
        var issued = await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct);
        await Sandbox.Control.ExpireAccessTokensAsync(Mailbox, Ct);

        var (status, body) = await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me", issued.AccessToken, Ct);

        Assert.Equal(401, status);
        Assert.Equal("InvalidAuthenticationToken", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Access_tokens_expire_with_the_clock()
    {
        var issued = await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct);
        Assert.Equal(200, (await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me", issued.AccessToken, Ct)).Status);

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(401, (await HttpJson.GetAsync(Http, Sandbox.GraphBaseUrl + "/me", issued.AccessToken, Ct)).Status);
    }

    private async Task<IReadOnlyDictionary<string, string>> AuthorizeAsync(PkcePair pkce, string state = "state-1", string scope = Scope)
    {
        var url = OAuthBrowser.Url(Sandbox.MicrosoftAuthorityUrl + "/common/oauth2/v2.0/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["response_mode"] = "query",
            ["scope"] = scope,
            ["state"] = state,
            ["login_hint"] = Mailbox,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        });
        return await OAuthBrowser.AuthorizeAsync(Http, url, Ct);
    }

    private Task<(int Status, JsonNode Body)> RedeemAsync(string code, string verifier, string redirectUri = RedirectUri) =>
        HttpJson.PostFormAsync(Http, Sandbox.MicrosoftAuthorityUrl + "/common/oauth2/v2.0/token", new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["client_secret"] = "any-secret",
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["scope"] = Scope,
        }, Ct);

    private Task<(int Status, JsonNode Body)> RefreshAsync(string refreshToken) =>
        HttpJson.PostFormAsync(Http, Sandbox.MicrosoftAuthorityUrl + "/common/oauth2/v2.0/token", new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["client_secret"] = "any-secret",
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["scope"] = Scope,
        }, Ct);
}

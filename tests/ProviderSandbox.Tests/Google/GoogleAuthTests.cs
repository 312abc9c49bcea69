using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Requests;
using Google.Apis.Auth.OAuth2.Responses;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Google;

/// <summary>The real Google.Apis.Auth authorization code flow against the sandbox's OAuth endpoints.</summary>
public sealed class GoogleAuthTests : SandboxTest
{
    private const string Mailbox = "carl.rivera@gmail.example";
    private const string RedirectUri = "https://navusoft.example/api/links/callback/google";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Google, DisplayName = "Carl Rivera" }, Ct);
    }

    [Fact]
    public async Task The_code_flow_exchanges_a_pkce_code_and_refreshes_without_rotation()
    {
        using var flow = CreateFlow();
        var pkce = PkcePair.Create();

        var token = await ExchangeAsync(flow, pkce, pkce.Verifier);

        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(3600, token.ExpiresInSeconds);
        Assert.NotNull(token.RefreshToken);
        Assert.Contains("https://www.googleapis.com/auth/userinfo.email", token.Scope, StringComparison.Ordinal);
        var claims = Jwt.Claims(token.IdToken);
        Assert.Equal(Mailbox, claims["email"]!.GetValue<string>());
        Assert.True(claims["email_verified"]!.GetValue<bool>());
        Assert.Matches("^[0-9]{21}$", claims["sub"]!.GetValue<string>());

        var refreshed = await flow.RefreshTokenAsync("carl", token.RefreshToken, Ct);

        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);
        Assert.Equal(token.RefreshToken, refreshed.RefreshToken);
        var (status, profile) = await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/profile", refreshed.AccessToken, Ct);
        Assert.Equal(200, status);
        Assert.Equal(Mailbox, profile["emailAddress"]!.GetValue<string>());
        Assert.Equal(200, (await HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/users/me/profile", token.AccessToken, Ct)).Status);
    }

    [Fact]
    public async Task A_wrong_code_verifier_surfaces_as_token_response_exception()
    {
        using var flow = CreateFlow();
        var pkce = PkcePair.Create();

        var error = await Assert.ThrowsAsync<TokenResponseException>(() => ExchangeAsync(flow, pkce, PkcePair.Create().Verifier));

        Assert.Equal("invalid_grant", error.Error.Error);
        Assert.Equal("Invalid code verifier.", error.Error.ErrorDescription);
    }

    [Fact]
    public async Task Invalid_grant_on_refresh_surfaces_as_token_response_exception()
    {
        using var flow = CreateFlow();
        var pkce = PkcePair.Create();
        var token = await ExchangeAsync(flow, pkce, pkce.Verifier);
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Mailbox, Kind = FaultKind.InvalidGrant }, Ct);

        var error = await Assert.ThrowsAsync<TokenResponseException>(() => flow.RefreshTokenAsync("carl", token.RefreshToken, Ct));

        Assert.Equal("invalid_grant", error.Error.Error);
        Assert.Equal("Token has been expired or revoked.", error.Error.ErrorDescription);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task A_revoked_grant_cannot_be_refreshed()
    {
        using var flow = CreateFlow();
        var pkce = PkcePair.Create();
        var token = await ExchangeAsync(flow, pkce, pkce.Verifier);
        await Sandbox.Control.RevokeTokensAsync(Mailbox, Ct);

        var error = await Assert.ThrowsAsync<TokenResponseException>(() => flow.RefreshTokenAsync("carl", token.RefreshToken, Ct));

        Assert.Equal("invalid_grant", error.Error.Error);
    }

    [Fact]
    public async Task A_refresh_token_comes_only_with_the_first_consent_or_prompt_consent()
    {
        using var flow = CreateFlow(prompt: null);
        var first = PkcePair.Create();
        Assert.NotNull((await ExchangeAsync(flow, first, first.Verifier)).RefreshToken);

        var second = PkcePair.Create();
        Assert.Null((await ExchangeAsync(flow, second, second.Verifier)).RefreshToken);

        using var consenting = CreateFlow(prompt: "consent");
        var third = PkcePair.Create();
        Assert.NotNull((await ExchangeAsync(consenting, third, third.Verifier)).RefreshToken);
    }

    private GoogleAuthorizationCodeFlow CreateFlow(string? prompt = "consent") =>
        new(new SandboxInitializer(Sandbox.GoogleAuthorizeUrl, Sandbox.GoogleTokenUrl, Sandbox.BaseUrl + "/revoke")
        {
            ClientSecrets = new ClientSecrets { ClientId = "1234-sandbox.apps.googleusercontent.com", ClientSecret = "GOCSPX-sandbox" },
            Scopes = ["openid", "email", "https://www.googleapis.com/auth/gmail.readonly", "https://www.googleapis.com/auth/calendar.readonly"],
            LoginHint = Mailbox,
            Prompt = prompt,
        });

    private async Task<TokenResponse> ExchangeAsync(GoogleAuthorizationCodeFlow flow, PkcePair pkce, string verifier)
    {
        var request = (GoogleAuthorizationCodeRequestUrl)flow.CreateAuthorizationCodeRequest(RedirectUri);
        request.State = "state-42";
        request.CodeChallenge = pkce.Challenge;
        request.CodeChallengeMethod = "S256";
        var callback = await OAuthBrowser.AuthorizeAsync(Http, request.Build().AbsoluteUri, Ct);
        Assert.Equal("state-42", callback["state"]);

        return await flow.FetchTokenAsync(
            "carl",
            new AuthorizationCodeTokenRequest { Code = callback["code"], RedirectUri = RedirectUri, CodeVerifier = verifier, Scope = string.Join(' ', flow.Scopes) },
            Ct);
    }

    /// <summary>Google's initializer takes custom endpoint URLs through its protected constructor.</summary>
    private sealed class SandboxInitializer(string authorizationServerUrl, string tokenServerUrl, string revokeTokenUrl)
        : GoogleAuthorizationCodeFlow.Initializer(authorizationServerUrl, tokenServerUrl, revokeTokenUrl);
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

public sealed class BindingHost : LinkingHost;

/// <summary>The host behind a TLS-terminating proxy: it sees plain http, the browser sees the https callback base.</summary>
public sealed class ProxiedBindingHost : LinkingHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Links:CallbackBaseUrl"] = "https://sync.hauler.example" };
}

/// <summary>Behind a TLS-terminating proxy the binding cookie is still <c>Secure</c> and <c>__Host-</c> prefixed.</summary>
public sealed class ProxiedCallbackBindingTests(ProxiedBindingHost host) : IClassFixture<ProxiedBindingHost>
{
    [Fact]
    public async Task Behind_a_tls_proxy_the_cookie_is_host_prefixed_and_secure()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        using var http = host.App.CreateDefaultClient(new Uri("http://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/links") { Content = JsonContent.Create(new { provider = "microsoft", loginHint = mailbox }) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Bearer", Tokens.Issue(new TokenRequest(owner, LinkingHost.Tenant, $"{owner}@{LinkingHost.Tenant}.test", "Office User", NavusoftClaims.UserRole)));

        var response = await http.SendAsync(request);

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-navusoft-link-", setCookie, StringComparison.Ordinal);
        Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// The OAuth callback completes a link only for the user and the browser that started it: the
/// starting user's bearer token (the reference UI relaying the redirect), or the HttpOnly cookie
/// <c>POST /api/me/links</c> set in that browser for that request. A forwarded authorization URL
/// that a stranger signs in with ends on a page that consumed nothing: no code exchange, nothing of
/// the stranger's mailbox stored, the state still unused.
/// </summary>
public sealed class CallbackBindingTests(BindingHost host) : IClassFixture<BindingHost>
{
    private const string CookiePrefix = "navusoft-link-";

    /// <summary>A person's browser: cookies of its own; a bearer token only on the calls its page makes with one (never on a redirect).</summary>
    private sealed record Browser(HttpClient Http, CookieContainer Cookies, Uri Origin)
    {
        public IReadOnlyList<Cookie> LinkCookies => [.. Cookies.GetAllCookies().Where(c => c.Name.Contains(CookiePrefix, StringComparison.Ordinal))];

        public async Task<HttpResponseMessage> StartLinkAsync(string token, string provider, string mailbox)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/links") { Content = JsonContent.Create(new { provider, loginHint = mailbox }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await Http.SendAsync(request);
        }
    }

    private Browser NewBrowser(string scheme = "http")
    {
        var cookies = new CookieContainer();
        var origin = new Uri($"{scheme}://localhost");
        return new Browser(host.App.CreateDefaultClient(origin, new CookieContainerHandler(cookies)), cookies, origin);
    }

    private static string TokenOf(string sub) => Tokens.Issue(new TokenRequest(sub, LinkingHost.Tenant, $"{sub}@{LinkingHost.Tenant}.test", "Office User", NavusoftClaims.UserRole));

    private static string StateOf(string callback) => LinkingHost.QueryOf("http://x" + callback)["state"];

    private async Task<PendingAuthorization> PendingOfAsync(string callback) =>
        (await host.LoadAsync<PendingAuthorization>(OAuthState.TryParse(StateOf(callback))!.Hash))!;

    /// <summary>The answer is the relay page, and the request's state was neither used up nor removed.</summary>
    private async Task<string> AssertRelayPageAsync(HttpResponseMessage response, string callback)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing was linked", body, StringComparison.Ordinal);
        Assert.Null((await PendingOfAsync(callback)).ConsumedAt);
        return body;
    }

    private async Task AssertNothingLinkedAsync(string sub) =>
        Assert.Empty((await (await host.UserClient(sub).GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());

    [Fact]
    public async Task A_forwarded_authorization_url_completed_in_the_victims_browser_links_nothing_and_stores_nothing_of_the_victims_mailbox()
    {
        // The attacker starts a link with the victim's address as login hint and forwards the URL.
        var attacker = LinkingHost.NewUser();
        var victimMailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var attackersBrowser = NewBrowser();
        var started = await (await attackersBrowser.StartLinkAsync(TokenOf(attacker), "microsoft", victimMailbox)).OkJsonAsync();

        // The victim signs in and consents; their own browser (no token, none of the attacker's cookies) lands on the callback.
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));
        var victimsBrowser = NewBrowser();
        var body = await AssertRelayPageAsync(await victimsBrowser.Http.GetAsync(callback), callback);
        Assert.Contains("If someone sent you this sign-in link, close this window", body, StringComparison.Ordinal);

        // No code exchange, no link for anyone, nothing of the victim's mailbox anywhere in the database.
        Assert.Equal(0, await host.TokenCallsAsync(victimMailbox));
        await AssertNothingLinkedAsync(attacker);
        await host.WaitForPublishedEventsAsync();
        Assert.DoesNotContain(host.Received.All, e => e.Event is LinkEstablished l && l.ExternalAccount == victimMailbox);
        Assert.DoesNotContain(victimMailbox, await DatabaseDump.TextAsync(host.ConnectionString), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(victimsBrowser.LinkCookies);

        // The state is still unused: the request's own user can still complete it (here with his token).
        Assert.Equal("Active", (await (await host.UserClient(attacker).GetAsync(callback)).OkJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task Another_users_token_with_a_victims_callback_is_refused_and_the_state_stays_usable()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Google);
        var started = await host.StartLinkAsync(host.UserClient(owner), "google", mailbox);
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));
        var attacker = LinkingHost.NewUser();

        await (await host.UserClient(attacker).GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Null((await PendingOfAsync(callback)).ConsumedAt);
        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
        await AssertNothingLinkedAsync(attacker);
        await AssertNothingLinkedAsync(owner);
        Assert.Equal("Active", (await (await host.UserClient(owner).GetAsync(callback)).OkJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task Another_users_token_is_refused_even_from_the_browser_that_holds_the_requests_cookie()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var browser = NewBrowser();
        var started = await (await browser.StartLinkAsync(TokenOf(owner), "microsoft", mailbox)).OkJsonAsync();
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));

        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(LinkingHost.NewUser()));
        await (await browser.Http.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Null((await PendingOfAsync(callback)).ConsumedAt);
        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft)]
    [InlineData(SandboxProvider.Google)]
    public async Task The_owners_relay_with_a_bearer_token_links_from_a_browser_without_the_cookie(SandboxProvider provider)
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(provider);
        var id = provider == SandboxProvider.Google ? "google" : "microsoft";
        var started = await (await NewBrowser().StartLinkAsync(TokenOf(owner), id, mailbox)).OkJsonAsync();
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));

        // The sign-in window got the relay page; the page that opened it repeats the call with its token.
        await AssertRelayPageAsync(await NewBrowser().Http.GetAsync(callback), callback);
        var linked = await (await host.UserClient(owner).GetAsync(callback)).OkJsonAsync();

        Assert.Equal("Active", linked.Str("status"));
        Assert.Equal(mailbox, linked.Str("externalAccount"));
        Assert.Equal(1, await host.TokenCallsAsync(mailbox));
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft)]
    [InlineData(SandboxProvider.Google)]
    public async Task The_owners_browser_with_its_cookie_links_without_a_token_and_the_cookie_is_dropped(SandboxProvider provider)
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(provider);
        var browser = NewBrowser();
        var startedResponse = await browser.StartLinkAsync(TokenOf(owner), provider == SandboxProvider.Google ? "google" : "microsoft", mailbox);
        var setCookie = Assert.Single(startedResponse.Headers.GetValues("Set-Cookie"));
        var started = await startedResponse.OkJsonAsync();

        // HttpOnly, SameSite=Lax, as long as the request; on plain http neither Secure nor the __Host- prefix is possible.
        Assert.StartsWith(CookiePrefix, setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", setCookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=600", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = Assert.Single(browser.LinkCookies);
        Assert.DoesNotContain(cookie.Value, await DatabaseDump.TextAsync(host.ConnectionString), StringComparison.Ordinal); // only its hash is stored

        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));
        var linked = await (await browser.Http.GetAsync(callback)).OkJsonAsync();

        Assert.Equal("Active", linked.Str("status"));
        Assert.Equal(mailbox, linked.Str("externalAccount"));
        Assert.Empty(browser.LinkCookies);
        Assert.Single((await (await host.UserClient(owner).GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task On_https_the_cookie_is_host_prefixed_and_secure_and_still_links()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var browser = NewBrowser("https");
        var startedResponse = await browser.StartLinkAsync(TokenOf(owner), "microsoft", mailbox);
        var setCookie = Assert.Single(startedResponse.Headers.GetValues("Set-Cookie"));
        var started = await startedResponse.OkJsonAsync();

        Assert.StartsWith("__Host-" + CookiePrefix, setCookie, StringComparison.Ordinal);
        Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", setCookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);

        // The same cookie name without the prefix (as a plain-http response or a sibling domain could plant) proves nothing.
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));
        var planted = Assert.Single(browser.LinkCookies);
        var forgedBrowser = NewBrowser("https");
        forgedBrowser.Cookies.Add(browser.Origin, new Cookie(planted.Name["__Host-".Length..], planted.Value, "/"));
        await AssertRelayPageAsync(await forgedBrowser.Http.GetAsync(callback), callback);

        Assert.Equal("Active", (await (await browser.Http.GetAsync(callback)).OkJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task A_wrong_cookie_value_gets_the_page_and_consumes_nothing()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var browser = NewBrowser();
        var started = await (await browser.StartLinkAsync(TokenOf(owner), "microsoft", mailbox)).OkJsonAsync();
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));
        var name = Assert.Single(browser.LinkCookies).Name;

        // The right name with another value; and the owner's cookie of another request under this request's name.
        var other = NewBrowser();
        var otherStarted = await (await other.StartLinkAsync(TokenOf(owner), "microsoft", mailbox)).OkJsonAsync();
        Assert.NotNull(otherStarted.Str("linkRequestId"));
        foreach (var value in new[] { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Assert.Single(other.LinkCookies).Value, "" })
        {
            var forged = NewBrowser();
            forged.Cookies.Add(forged.Origin, new Cookie(name, value, "/"));
            await AssertRelayPageAsync(await forged.Http.GetAsync(callback), callback);
        }

        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
        await AssertNothingLinkedAsync(owner);
        Assert.Equal("Active", (await (await browser.Http.GetAsync(callback)).OkJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task Several_link_requests_of_one_browser_each_keep_their_own_cookie()
    {
        var owner = LinkingHost.NewUser();
        var work = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var home = await host.AddMailboxAsync(SandboxProvider.Google);
        var browser = NewBrowser();
        var first = await (await browser.StartLinkAsync(TokenOf(owner), "microsoft", work)).OkJsonAsync();
        var second = await (await browser.StartLinkAsync(TokenOf(owner), "google", home)).OkJsonAsync();
        Assert.Equal(2, browser.LinkCookies.Count);

        // Completed in the other order: neither overwrote the other.
        var secondLinked = await (await browser.Http.GetAsync(await host.ConsentAsync(second.Str("authorizationUrl")))).OkJsonAsync();
        var firstLinked = await (await browser.Http.GetAsync(await host.ConsentAsync(first.Str("authorizationUrl")))).OkJsonAsync();

        Assert.Equal(home, secondLinked.Str("externalAccount"));
        Assert.Equal(work, firstLinked.Str("externalAccount"));
        Assert.Empty(browser.LinkCookies);
    }

    [Fact]
    public async Task A_browser_keeps_at_most_five_link_cookies_starting_a_sixth_request_cancels_the_oldest()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var browser = NewBrowser();
        var started = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            started.Add(await (await browser.StartLinkAsync(TokenOf(owner), "microsoft", mailbox)).OkJsonAsync());
            Assert.Equal(Math.Min(i + 1, 5), browser.LinkCookies.Count);
            host.Clock.Advance(TimeSpan.FromSeconds(1)); // one after another, as a person clicks
        }

        var oldest = await host.ConsentAsync(started[0].Str("authorizationUrl"));
        Assert.Equal("Active", (await (await host.UserClient(owner).GetAsync(await host.ConsentAsync(started[1].Str("authorizationUrl")))).OkJsonAsync()).Str("status"));
        Assert.Contains("invalid, expired or was already used", (await (await host.UserClient(owner).GetAsync(oldest)).AssertProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal("Active", (await (await browser.Http.GetAsync(await host.ConsentAsync(started[5].Str("authorizationUrl")))).OkJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task The_page_echoes_nothing_of_a_hostile_code_or_error_and_runs_only_the_hosts_own_script()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var started = await host.StartLinkAsync(host.UserClient(owner), "microsoft", mailbox);
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));
        var state = StateOf(callback);
        const string Hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'";

        var response = await NewBrowser().Http.GetAsync(
            $"/api/links/callback/microsoft?code={Uri.EscapeDataString(Hostile)}&state={Uri.EscapeDataString(state)}&error_description={Uri.EscapeDataString(Hostile)}");
        var body = await AssertRelayPageAsync(response, callback);

        Assert.DoesNotContain("alert(", body, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", body, StringComparison.Ordinal);
        Assert.DoesNotContain(state, body, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("script-src 'self'", body, StringComparison.Ordinal);
        var scripts = Regex.Matches(body, "<script\\b([^>]*)>(.*?)</script>", RegexOptions.Singleline);
        var script = Assert.Single(scripts);
        Assert.Equal(string.Empty, script.Groups[2].Value); // no inline script: it runs under script-src 'self'
        var src = Regex.Match(script.Groups[1].Value, "src=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal("/app/js/link-callback.js", src);
        var file = await host.App.CreateClient().GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("postMessage(message, location.origin)", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A hostile state never reaches the page: it is refused as malformed.
        var refused = await NewBrowser().Http.GetAsync($"/api/links/callback/microsoft?code=abc&state={Uri.EscapeDataString(Hostile)}");
        Assert.DoesNotContain("<script>", (await refused.AssertProblemAsync(HttpStatusCode.BadRequest)).GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
    }

    [Fact]
    public async Task A_denied_consent_without_proof_gets_the_page_and_leaves_the_state_to_the_owner()
    {
        var owner = LinkingHost.NewUser();
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var started = await host.StartLinkAsync(host.UserClient(owner), "microsoft", mailbox);
        var callback = await host.ConsentAsync(started.Str("authorizationUrl"));
        var denied = $"/api/links/callback/microsoft?error=access_denied&state={Uri.EscapeDataString(StateOf(callback))}";

        await AssertRelayPageAsync(await NewBrowser().Http.GetAsync(denied), callback);

        var cancelled = await (await host.UserClient(owner).GetAsync(denied)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("access_denied", cancelled.Str("detail"), StringComparison.Ordinal);
        Assert.NotNull((await PendingOfAsync(callback)).ConsumedAt);
    }
}

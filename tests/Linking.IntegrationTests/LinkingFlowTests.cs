using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Linking.Links;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>This world's callback base URL is configured (<c>Links:CallbackBaseUrl</c>), as behind a reverse proxy.</summary>
public sealed class ConfiguredCallbackHost : LinkingHost
{
    public const string CallbackBase = "https://navusoft.example";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Links:CallbackBaseUrl"] = CallbackBase + "/" };
}

/// <summary>The whole linking flow through real HTTP, for both providers, against the provider sandbox.</summary>
public sealed class LinkingFlowTests(ConfiguredCallbackHost host) : IClassFixture<ConfiguredCallbackHost>
{
    [Fact]
    public async Task Microsoft_links_through_the_authorization_code_flow_with_pkce()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var sub = LinkingHost.NewUser();
        var user = host.UserClient(sub);

        var started = await host.StartLinkAsync(user, "microsoft", mailbox);

        Assert.True(Guid.TryParse(started.Str("linkRequestId"), out _));
        var url = new Uri(started.Str("authorizationUrl"));
        Assert.Equal(host.Sandbox.MicrosoftAuthorityUrl + "/common/oauth2/v2.0/authorize", url.GetLeftPart(UriPartial.Path));
        var query = LinkingHost.QueryOf(url.AbsoluteUri);
        Assert.Equal(LinkingHost.MicrosoftClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("query", query["response_mode"]);
        Assert.Equal("offline_access Mail.Read Calendars.Read User.Read", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"]);
        Assert.Equal(ConfiguredCallbackHost.CallbackBase + "/api/links/callback/microsoft", query["redirect_uri"]);
        Assert.Equal(mailbox, query["login_hint"]);
        Assert.Equal("select_account", query["prompt"]); // the person picks the account, even when signed in to one already

        var callback = await host.ConsentAsync(url.AbsoluteUri);
        var linked = await (await user.GetAsync(callback)).OkJsonAsync();

        var linkId = linked.Str("linkId");
        Assert.Equal("Active", linked.Str("status"));
        Assert.Equal(mailbox, linked.Str("externalAccount"));
        Assert.Contains(mailbox, linked.Str("message"), StringComparison.Ordinal);
        Assert.Contains("linked", linked.Str("message"), StringComparison.Ordinal);
        Assert.False(linked.GetProperty("relinked").GetBoolean());

        var links = await (await user.GetAsync("/api/me/links")).OkJsonAsync();
        var link = Assert.Single(links.EnumerateArray());
        Assert.Equal(linkId, link.Str("linkId"));
        Assert.Equal("microsoft", link.Str("provider"));
        Assert.Equal(mailbox, link.Str("externalAccount"));
        Assert.Equal("Active", link.Str("status"));
        Assert.True(link.GetProperty("linkedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, link.GetProperty("lastSyncAt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, link.GetProperty("lastSyncError").ValueKind);
        Assert.Equal(0, link.GetProperty("emailsSynced").GetInt64());
        Assert.Equal(0, link.GetProperty("appointmentsSynced").GetInt64());

        // One code redemption; the account came from Graph /me with the new token.
        Assert.Equal(1, await host.TokenCallsAsync(mailbox));
        Assert.Contains(await host.Sandbox.Control.GetRequestsAsync(mailbox: mailbox, api: "graph"), r => r.Path == "/v1.0/me" && r.Status == 200);

        // The Synchronization module is told to start at once.
        await host.WaitForPublishedEventsAsync();
        Assert.Equal(new LinkEstablished(linkId, sub, "microsoft", mailbox, false), Assert.Single(host.Received.Of<LinkEstablished>(linkId)));
        Assert.Contains(host.Received.All, r => r.Tenant == LinkingHost.Tenant && r.Event is LinkEstablished e && e.LinkId == linkId);

        var token = await host.AccessTokenAsync(linkId);
        Assert.Equal(AccessTokenOutcome.Granted, token.Outcome);
        Assert.Equal((string?)"microsoft", token.Provider);
        Assert.Equal(host.Traffic.Of("access_token")[^1], token.AccessToken);
    }

    [Fact]
    public async Task Google_links_through_google_apis_auth_with_offline_access_consent_and_pkce()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Google);
        var sub = LinkingHost.NewUser();
        var user = host.UserClient(sub);

        var started = await host.StartLinkAsync(user, "google", mailbox);

        var url = new Uri(started.Str("authorizationUrl"));
        Assert.Equal(host.Sandbox.GoogleAuthorizeUrl, url.GetLeftPart(UriPartial.Path));
        var query = LinkingHost.QueryOf(url.AbsoluteUri);
        Assert.Equal(LinkingHost.GoogleClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/calendar.readonly", query["scope"]);
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"]);
        Assert.Equal(ConfiguredCallbackHost.CallbackBase + "/api/links/callback/google", query["redirect_uri"]);

        var linked = await (await user.GetAsync(await host.ConsentAsync(url.AbsoluteUri))).OkJsonAsync();

        var linkId = linked.Str("linkId");
        Assert.Equal(("Active", mailbox, "google"), (linked.Str("status"), linked.Str("externalAccount"), linked.Str("provider")));
        Assert.Equal(1, await host.TokenCallsAsync(mailbox));
        var link = Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        Assert.Equal((linkId, "google", "Active"), (link.Str("linkId"), link.Str("provider"), link.Str("status")));

        // A refresh token came with the consent (access_type=offline, prompt=consent) and works.
        Assert.NotEmpty(host.Traffic.Of("refresh_token"));
        var refreshed = await host.AccessTokenAsync(linkId, rejected: (await host.AccessTokenAsync(linkId)).AccessToken);
        Assert.Equal(AccessTokenOutcome.Granted, refreshed.Outcome);
        Assert.Equal(2, await host.TokenCallsAsync(mailbox));

        await host.WaitForPublishedEventsAsync();
        Assert.Equal(new LinkEstablished(linkId, sub, "google", mailbox, false), Assert.Single(host.Received.Of<LinkEstablished>(linkId)));
    }

    [Fact]
    public async Task Linking_the_same_account_again_relinks_the_same_link()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var sub = LinkingHost.NewUser();
        var user = host.UserClient(sub);

        var first = await host.LinkAsync(user, "microsoft", mailbox);
        var second = await host.LinkAsync(user, "microsoft", mailbox);

        var linkId = first.Str("linkId");
        Assert.Equal(linkId, second.Str("linkId"));
        Assert.True(second.GetProperty("relinked").GetBoolean());
        Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        var events = await host.EventsAsync(linkId);
        Assert.IsType<Linked>(events[0]);
        Assert.IsType<Relinked>(events[1]);
        Assert.Equal(2, events.Count);

        // Unlinked, then linked again: still the same link, active, with fresh credentials.
        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        var third = await host.LinkAsync(user, "microsoft", mailbox);
        Assert.Equal(linkId, third.Str("linkId"));
        var link = Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        Assert.Equal("Active", link.Str("status"));
        Assert.Equal(AccessTokenOutcome.Granted, (await host.AccessTokenAsync(linkId)).Outcome);

        await host.WaitForPublishedEventsAsync();
        Assert.Equal([false, true, true], host.Received.Of<LinkEstablished>(linkId).Select(e => e.Relinked));

        // Another user linking the same account gets a link of their own.
        var other = await host.LinkAsync(host.UserClient(LinkingHost.NewUser()), "microsoft", mailbox);
        Assert.NotEqual(linkId, other.Str("linkId"));
    }

    [Fact]
    public async Task Without_a_login_hint_the_users_own_address_is_the_hint_when_it_is_the_providers()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Google);
        var user = host.UserClient(LinkingHost.NewUser(), email: mailbox);

        var google = await host.StartLinkAsync(user, "google", loginHint: null);
        var microsoft = await host.StartLinkAsync(user, "microsoft", loginHint: null);

        Assert.Equal(mailbox, LinkingHost.QueryOf(google.Str("authorizationUrl"))["login_hint"]);
        Assert.False(LinkingHost.QueryOf(microsoft.Str("authorizationUrl")).ContainsKey("login_hint"));
        var linked = await (await user.GetAsync(await host.ConsentAsync(google.Str("authorizationUrl")))).OkJsonAsync();
        Assert.Equal(mailbox, linked.Str("externalAccount"));
    }

    [Fact]
    public async Task The_provider_screen_suggests_the_detected_provider_and_shows_which_are_enabled()
    {
        var admin = host.App.ClientFor(NavusoftSync.Testing.Tokens.Admin(LinkingHost.Tenant));
        var user = host.UserClient(LinkingHost.NewUser(), email: "pat@acme-hauling.example");

        async Task<Dictionary<string, (bool Enabled, bool Suggested)>> ScreenAsync(string query) =>
            (await (await user.GetAsync("/api/providers" + query)).OkJsonAsync()).EnumerateArray()
                .ToDictionary(p => p.Str("id"), p => (p.GetProperty("enabled").GetBoolean(), p.GetProperty("suggested").GetBoolean()));

        Assert.Equal((true, true), (await ScreenAsync("?email=carl@gmail.com"))["google"]);
        Assert.Equal((true, false), (await ScreenAsync("?email=carl@gmail.com"))["microsoft"]);
        Assert.Equal((true, true), (await ScreenAsync("?email=anna%40contoso.onmicrosoft.com"))["microsoft"]);
        Assert.DoesNotContain((await ScreenAsync("")).Values, p => p.Suggested); // the user's own address is unknown

        var names = (await (await user.GetAsync("/api/providers?email=carl@gmail.com")).OkJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["microsoft", "google", "imap"], names.Select(p => p.Str("id")));
        Assert.All(names, p => Assert.False(string.IsNullOrWhiteSpace(p.Str("name"))));

        // The tenant maps its own domain; the user's address is then detected without ?email.
        var mapped = await admin.PutAsJsonAsync("/api/admin/providers/domains/Acme-Hauling.example", new { provider = "google" });
        Assert.Equal("acme-hauling.example", (await mapped.OkJsonAsync()).Str("domain"));
        Assert.Equal((true, true), (await ScreenAsync(""))["google"]);
        Assert.Equal((true, true), (await ScreenAsync("?email=ops@yard.acme-hauling.example"))["google"]);
        var domains = (await (await admin.GetAsync("/api/admin/providers/domains")).OkJsonAsync()).EnumerateArray().ToList();
        Assert.Contains(domains, d => d.Str("domain") == "acme-hauling.example" && d.Str("provider") == "google" && d.Str("mappedBy") == "core-system");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/providers/domains/acme-hauling.example")).StatusCode);
        Assert.DoesNotContain((await ScreenAsync("")).Values, p => p.Suggested);
        await (await admin.DeleteAsync("/api/admin/providers/domains/acme-hauling.example")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await user.GetAsync("/api/providers?email=not-an-address")).AssertValidationProblemAsync("email");
        await (await admin.PutAsJsonAsync("/api/admin/providers/domains/gmail.com", new { provider = "microsoft" })).AssertValidationProblemAsync("domain");
        await (await admin.PutAsJsonAsync("/api/admin/providers/domains/acme.example", new { provider = "yahoo" })).AssertValidationProblemAsync("provider");
    }

    [Fact]
    public async Task Imap_is_a_password_provider_whose_presets_put_the_addresss_service_first()
    {
        var user = host.UserClient(LinkingHost.NewUser(), email: "pat@acme-hauling.example");

        async Task<JsonElement> ImapAsync(string query) =>
            (await (await user.GetAsync("/api/providers" + query)).OkJsonAsync()).EnumerateArray().Single(p => p.Str("id") == "imap");

        var icloud = await ImapAsync("?email=anna@me.com");
        Assert.Equal(("password", true, true), (icloud.Str("kind"), icloud.GetProperty("enabled").GetBoolean(), icloud.GetProperty("suggested").GetBoolean()));
        var first = icloud.GetProperty("presets")[0];
        Assert.Equal(("iCloud", "imap.mail.me.com", 993, "ssl", "https://caldav.icloud.com"), (
            first.Str("name"), first.GetProperty("imap").Str("host"), first.GetProperty("imap").GetProperty("port").GetInt32(),
            first.GetProperty("imap").Str("security"), first.GetProperty("caldav").Str("url")));
        Assert.Contains("me.com", first.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("Yahoo", (await ImapAsync("?email=bob@yahoo.com")).GetProperty("presets")[0].Str("name"));

        var other = await ImapAsync("");
        Assert.False(other.GetProperty("suggested").GetBoolean());
        Assert.Equal("iCloud", other.GetProperty("presets")[0].Str("name"));
        var google = (await (await user.GetAsync("/api/providers")).OkJsonAsync()).EnumerateArray().Single(p => p.Str("id") == "google");
        Assert.Equal(("oauth", JsonValueKind.Null), (google.Str("kind"), google.GetProperty("presets").ValueKind));
    }

    [Fact]
    public async Task A_provider_the_tenant_has_not_enabled_answers_403_asking_for_a_ticket_request()
    {
        const string tenant = "tenant-unreviewed";
        var user = host.UserClient(LinkingHost.NewUser(), tenant: tenant);
        var admin = host.App.ClientFor(NavusoftSync.Testing.Tokens.Admin(tenant, "admin-9"));

        var refused = await (await user.PostAsJsonAsync("/api/me/links", new { provider = "google" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Ticket Request", refused.Str("detail"), StringComparison.Ordinal);
        Assert.All((await (await user.GetAsync("/api/providers?email=carl@gmail.com")).OkJsonAsync()).EnumerateArray(),
            p => Assert.False(p.GetProperty("enabled").GetBoolean()));

        // The review is done: the admin enables Google under the ticket, as events on the tenant's integration stream.
        var enabled = await (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-4711" })).OkJsonAsync();
        Assert.Equal(("google", true, "TR-4711", "admin-9"), (enabled.Str("id"), enabled.GetProperty("enabled").GetBoolean(), enabled.Str("reviewTicket"), enabled.Str("changedBy")));
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync("/api/me/links", new { provider = "google" })).StatusCode);
        await (await user.PostAsJsonAsync("/api/me/links", new { provider = "microsoft" })).AssertProblemAsync(HttpStatusCode.Forbidden);

        // Switched off again: refused again; the stream tells who did what under which ticket.
        await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = false, reviewTicket = "TR-4800" });
        await (await user.PostAsJsonAsync("/api/me/links", new { provider = "google" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var events = await host.EventsAsync(Integrations.TenantIntegrations.StreamKey, tenant);
        Assert.Collection(
            events,
            e => Assert.Equal(("google", "TR-4711", "admin-9"), (((Integrations.ProviderEnabled)e).ProviderId, ((Integrations.ProviderEnabled)e).ReviewTicket, ((Integrations.ProviderEnabled)e).EnabledBy)),
            e => Assert.Equal(("google", "TR-4800", "admin-9"), (((Integrations.ProviderDisabled)e).ProviderId, ((Integrations.ProviderDisabled)e).ReviewTicket, ((Integrations.ProviderDisabled)e).DisabledBy)));
        var approvals = (await (await admin.GetAsync("/api/admin/providers")).OkJsonAsync()).EnumerateArray().ToDictionary(p => p.Str("id"));
        Assert.False(approvals["google"].GetProperty("enabled").GetBoolean());
        Assert.Equal("TR-4800", approvals["google"].Str("reviewTicket"));

        // Tenant A's approvals do not leak here, and this tenant's do not leak there.
        Assert.True((await (await host.UserClient(LinkingHost.NewUser()).GetAsync("/api/providers")).OkJsonAsync()).EnumerateArray().All(p => p.GetProperty("enabled").GetBoolean()));
    }

    [Fact]
    public async Task Admin_calls_are_for_admins_and_validate_their_input()
    {
        var admin = host.App.ClientFor(NavusoftSync.Testing.Tokens.Admin("tenant-admin-checks"));
        var user = host.UserClient(LinkingHost.NewUser(), tenant: "tenant-admin-checks");

        await (await user.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-1" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.GetAsync("/api/admin/providers")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.PutAsJsonAsync("/api/admin/providers/domains/acme.example", new { provider = "google" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await host.App.CreateClient().PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-1" })).AssertProblemAsync(HttpStatusCode.Unauthorized);

        await (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true })).AssertValidationProblemAsync("reviewTicket");
        await (await admin.PutAsJsonAsync("/api/admin/providers/google", new { reviewTicket = "TR-1" })).AssertValidationProblemAsync("enabled");
        await (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = "yes" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync("/api/admin/providers/yahoo", new { enabled = true, reviewTicket = "TR-1" })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await host.EventsAsync(Integrations.TenantIntegrations.StreamKey, "tenant-admin-checks"));
    }

    [Fact]
    public async Task Starting_a_link_validates_the_request()
    {
        var user = host.UserClient(LinkingHost.NewUser());

        await (await user.PostAsJsonAsync("/api/me/links", new { provider = "yahoo" })).AssertValidationProblemAsync("provider");
        await (await user.PostAsJsonAsync("/api/me/links", new { })).AssertValidationProblemAsync("provider");
        await (await user.PostAsJsonAsync("/api/me/links", new { provider = "google", loginHint = "nope" })).AssertValidationProblemAsync("loginHint");
        await (await host.App.CreateClient().PostAsJsonAsync("/api/me/links", new { provider = "google" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await host.App.CreateClient().GetAsync("/api/me/links")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_users_or_tenants_link_is_not_found()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Google);
        var owner = host.UserClient(LinkingHost.NewUser());
        var linkId = (await host.LinkAsync(owner, "google", mailbox)).Str("linkId");
        var stranger = host.UserClient(LinkingHost.NewUser());
        var otherTenant = host.UserClient(LinkingHost.NewUser(), tenant: "tenant-b");

        foreach (var client in new[] { stranger, otherTenant })
        {
            await (await client.DeleteAsync($"/api/me/links/{linkId}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.PostAsync($"/api/me/links/{linkId}/sync", null)).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Empty((await (await client.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        }

        await (await owner.DeleteAsync("/api/me/links/lnk_0000")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(AccessTokenOutcome.Unlinked, (await host.AccessTokenAsync(linkId, tenant: "tenant-b")).Outcome);
        Assert.Equal("Active", Assert.Single((await (await owner.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray()).Str("status"));
    }

    [Fact]
    public async Task Sync_now_is_accepted_and_published()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var sub = LinkingHost.NewUser();
        var user = host.UserClient(sub);
        var linkId = (await host.LinkAsync(user, "microsoft", mailbox)).Str("linkId");

        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).StatusCode);

        await host.WaitForPublishedEventsAsync();
        Assert.Equal(new LinkSyncRequested(linkId, sub, "microsoft"), Assert.Single(host.Received.Of<LinkSyncRequested>(linkId)));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        await (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_provider_outage_during_the_callback_is_a_502_and_links_nothing()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var user = host.UserClient(LinkingHost.NewUser());
        var callback = await host.ConsentAsync((await host.StartLinkAsync(user, "microsoft", mailbox)).Str("authorizationUrl"));
        await host.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.ServiceUnavailable, PathPrefix = "/common/oauth2/v2.0/token" });

        var failed = await (await user.GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadGateway);

        Assert.Contains("again", failed.Str("detail"), StringComparison.Ordinal);
        Assert.Empty((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        await (await user.GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest); // the state was used up
    }

    [Fact]
    public async Task A_provider_without_a_configured_client_answers_503()
    {
        var unconfigured = host.StartHost(new Dictionary<string, string?> { ["Providers:Google:ClientSecret"] = "", ["Marten:DaemonMode"] = "Disabled" });
        var user = unconfigured.ClientFor(NavusoftSync.Testing.Tokens.User(LinkingHost.Tenant, LinkingHost.NewUser()));

        await (await user.PostAsJsonAsync("/api/me/links", new { provider = "google" })).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync("/api/me/links", new { provider = "microsoft" })).StatusCode);
    }
}
